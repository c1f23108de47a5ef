using System.Runtime.InteropServices;

namespace Harness.Train.Torch.Native;

/// <summary>P/Invoke declarations for Native/src/runtime.cpp.</summary>
internal static partial class RuntimeNative
{
    static RuntimeNative() => TorchLibraryLoader.EnsureRegistered();

    [LibraryImport(NativeLibraryNames.Torch)]
    internal static partial int hn_manual_seed(ulong seed);

    [LibraryImport(NativeLibraryNames.Torch)]
    internal static partial int hn_set_num_threads(int n);

    [LibraryImport(NativeLibraryNames.Torch)]
    internal static partial int hn_get_num_threads();

    [LibraryImport(NativeLibraryNames.Torch)]
    internal static partial int hn_cuda_device_count();

    [LibraryImport(NativeLibraryNames.Torch)]
    internal static partial IntPtr hn_torch_version();

    [LibraryImport(NativeLibraryNames.Torch)]
    internal static partial int hn_cuda_synchronize(int deviceIndex);
}
