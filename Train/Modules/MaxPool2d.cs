using Harness.Train.Torch;

namespace Harness.Train.Modules;

/// <summary>
/// Maximum over square windows of [N, C, H, W] (PyTorch's MaxPool2d with dilation 1, floor mode; padded cells
/// never win). No state.
/// </summary>
public sealed class MaxPool2d : Module
{
    /// <summary>Windows of <paramref name="kernelSize"/>² moved by <paramref name="stride"/> (default: the kernel size).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Kernel or stride below 1, or padding outside [0, kernel/2].</exception>
    public MaxPool2d(long kernelSize, long? stride = null, long padding = 0)
    {
        (KernelSize, Stride, Padding) = PoolArguments.Validate(nameof(MaxPool2d), kernelSize, stride, padding);
    }

    public long KernelSize { get; }

    public long Stride { get; }

    public long Padding { get; }

    public override Tensor Forward(Tensor input) => Functional.MaxPool2d(input, KernelSize, Stride, Padding);
}
