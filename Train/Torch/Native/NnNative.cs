using System.Runtime.InteropServices;

namespace Harness.Train.Torch.Native;

/// <summary>P/Invoke declarations for Native/src/nn.cpp.</summary>
internal static unsafe partial class NnNative
{
    static NnNative() => TorchLibraryLoader.EnsureRegistered();

    [LibraryImport(NativeLibraryNames.Torch)]
    internal static partial IntPtr hn_linear(IntPtr x, IntPtr weight, IntPtr bias);

    [LibraryImport(NativeLibraryNames.Torch)]
    internal static partial IntPtr hn_conv2d(IntPtr x, IntPtr weight, IntPtr bias, long* stride, long* padding, long* dilation, long groups);

    [LibraryImport(NativeLibraryNames.Torch)]
    internal static partial IntPtr hn_batch_norm(IntPtr x, IntPtr weight, IntPtr bias, IntPtr runningMean, IntPtr runningVar, int training, double momentum, double eps);

    [LibraryImport(NativeLibraryNames.Torch)]
    internal static partial IntPtr hn_layer_norm(IntPtr x, long* normalizedShape, int ndim, IntPtr weight, IntPtr bias, double eps);

    [LibraryImport(NativeLibraryNames.Torch)]
    internal static partial IntPtr hn_group_norm(IntPtr x, long groups, IntPtr weight, IntPtr bias, double eps);

    [LibraryImport(NativeLibraryNames.Torch)]
    internal static partial IntPtr hn_dropout(IntPtr x, double p, int training);

    [LibraryImport(NativeLibraryNames.Torch)]
    internal static partial IntPtr hn_feature_dropout(IntPtr x, double p, int training);

    [LibraryImport(NativeLibraryNames.Torch)]
    internal static partial IntPtr hn_pool2d(int kind, IntPtr x, long* kernel, long* stride, long* padding);

    [LibraryImport(NativeLibraryNames.Torch)]
    internal static partial IntPtr hn_adaptive_avg_pool2d(IntPtr x, long outH, long outW);

    [LibraryImport(NativeLibraryNames.Torch)]
    internal static partial IntPtr hn_softmax(IntPtr x, long dim);

    [LibraryImport(NativeLibraryNames.Torch)]
    internal static partial IntPtr hn_log_softmax(IntPtr x, long dim);

    [LibraryImport(NativeLibraryNames.Torch)]
    internal static partial IntPtr hn_cross_entropy(IntPtr logits, IntPtr target, int reduction, double labelSmoothing);
}
