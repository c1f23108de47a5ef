using System.Runtime.InteropServices;

namespace Harness.Train.Torch.Native;

/// <summary>P/Invoke declarations for Native/src/error.cpp.</summary>
internal static partial class ErrorNative
{
    static ErrorNative() => TorchLibraryLoader.EnsureRegistered();

    [LibraryImport(NativeLibraryNames.Torch)]
    internal static partial IntPtr hn_last_error();

    [LibraryImport(NativeLibraryNames.Torch)]
    internal static partial void hn_clear_error();

    [LibraryImport(NativeLibraryNames.Torch)]
    internal static partial long hn_tensor_live_count();

    [LibraryImport(NativeLibraryNames.Torch)]
    internal static partial void hn_tensor_free(IntPtr tensor);
}
