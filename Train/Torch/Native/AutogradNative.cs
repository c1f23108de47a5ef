using System.Runtime.InteropServices;

namespace Harness.Train.Torch.Native;

/// <summary>P/Invoke declarations for Native/src/autograd.cpp.</summary>
internal static unsafe partial class AutogradNative
{
    static AutogradNative() => TorchLibraryLoader.EnsureRegistered();

    [LibraryImport(NativeLibraryNames.Torch)]
    internal static partial int hn_set_requires_grad(IntPtr t, int requiresGrad);

    [LibraryImport(NativeLibraryNames.Torch)]
    internal static partial int hn_requires_grad(IntPtr t);

    [LibraryImport(NativeLibraryNames.Torch)]
    internal static partial int hn_backward(IntPtr t);

    [LibraryImport(NativeLibraryNames.Torch)]
    internal static partial int hn_grad(IntPtr t, IntPtr* grad);

    [LibraryImport(NativeLibraryNames.Torch)]
    internal static partial int hn_clear_grad(IntPtr t);

    [LibraryImport(NativeLibraryNames.Torch)]
    internal static partial int hn_set_grad_enabled(int enabled);
}
