using Harness.Train.Torch;

namespace Harness.Train.Modules;

/// <summary>
/// Mean over square windows of [N, C, H, W] (PyTorch's AvgPool2d defaults: floor mode, padded zeros counted in
/// the divisor). No state.
/// </summary>
public sealed class AvgPool2d : Module
{
    /// <summary>Windows of <paramref name="kernelSize"/>² moved by <paramref name="stride"/> (default: the kernel size).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Kernel or stride below 1, or padding outside [0, kernel/2].</exception>
    public AvgPool2d(long kernelSize, long? stride = null, long padding = 0)
    {
        (KernelSize, Stride, Padding) = PoolArguments.Validate(nameof(AvgPool2d), kernelSize, stride, padding);
    }

    public long KernelSize { get; }

    public long Stride { get; }

    public long Padding { get; }

    public override Tensor Forward(Tensor input) => Functional.AvgPool2d(input, KernelSize, Stride, Padding);
}
