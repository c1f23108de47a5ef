using Harness.Train.Torch;

namespace Harness.Train.Modules;

/// <summary>
/// 2-D convolution over [N, C, H, W] with PyTorch's layout and defaults: weight [out, in/groups, kh, kw], bias
/// [out]; both initialized uniform in ±1/√fan_in with fan_in = in/groups · kh · kw (kaiming_uniform, a = √5).
/// State names: weight, bias.
/// </summary>
public sealed class Conv2d : Module
{
    /// <summary>A square kernel with the same stride, padding and dilation along both axes.</summary>
    public Conv2d(long inChannels, long outChannels, long kernelSize, long stride = 1, long padding = 0,
        long dilation = 1, long groups = 1, bool bias = true)
        : this(inChannels, outChannels, (kernelSize, kernelSize), (stride, stride), (padding, padding),
            (dilation, dilation), groups, bias)
    {
    }

    /// <summary>A kernel, stride, padding and dilation given per axis (height, width).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive, padding is negative, or the
    /// channels are not divisible by <paramref name="groups"/>.</exception>
    public Conv2d(long inChannels, long outChannels, (long H, long W) kernelSize, (long H, long W) stride,
        (long H, long W) padding, (long H, long W) dilation, long groups = 1, bool bias = true)
    {
        var what = $"Conv2d({inChannels}, {outChannels}, kernel {Show(kernelSize)}, stride {Show(stride)}, " +
                   $"padding {Show(padding)}, dilation {Show(dilation)}, groups {groups})";
        if (inChannels < 1 || outChannels < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(inChannels), $"{what}: channel counts must be >= 1.");
        }

        if (kernelSize.H < 1 || kernelSize.W < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(kernelSize), $"{what}: kernel sizes must be >= 1.");
        }

        if (stride.H < 1 || stride.W < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(stride), $"{what}: strides must be >= 1.");
        }

        if (padding.H < 0 || padding.W < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(padding), $"{what}: padding must be >= 0.");
        }

        if (dilation.H < 1 || dilation.W < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(dilation), $"{what}: dilation must be >= 1.");
        }

        if (groups < 1 || inChannels % groups != 0 || outChannels % groups != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(groups),
                $"{what}: groups must be >= 1 and divide both the input and the output channels.");
        }

        InChannels = inChannels;
        OutChannels = outChannels;
        KernelSize = kernelSize;
        Stride = stride;
        Padding = padding;
        Dilation = dilation;
        Groups = groups;
        var bound = Init.DefaultBound(inChannels / groups * kernelSize.H * kernelSize.W);
        Weight = RegisterParameter("weight", Init.Uniform([outChannels, inChannels / groups, kernelSize.H, kernelSize.W], bound));
        Bias = bias ? RegisterParameter("bias", Init.Uniform([outChannels], bound)) : null;
    }

    public long InChannels { get; }

    public long OutChannels { get; }

    public (long H, long W) KernelSize { get; }

    public (long H, long W) Stride { get; }

    public (long H, long W) Padding { get; }

    public (long H, long W) Dilation { get; }

    /// <summary>Input and output channels are split into this many independent groups.</summary>
    public long Groups { get; }

    /// <summary>Shape [out, in/groups, kh, kw].</summary>
    public Tensor Weight { get; }

    /// <summary>Shape [out], or null when created without bias.</summary>
    public Tensor? Bias { get; }

    /// <summary>Output spatial size for an input of <paramref name="height"/> × <paramref name="width"/> (PyTorch's formula).</summary>
    public (long H, long W) OutputSize(long height, long width) =>
        (OutLength(height, KernelSize.H, Stride.H, Padding.H, Dilation.H),
         OutLength(width, KernelSize.W, Stride.W, Padding.W, Dilation.W));

    /// <summary>Convolves [N, in, H, W] into [N, out, H', W'].</summary>
    public override Tensor Forward(Tensor input) =>
        Functional.Conv2d(input, Weight, Bias, Stride, Padding, Dilation, Groups);

    internal static long OutLength(long size, long kernel, long stride, long padding, long dilation) =>
        (size + 2 * padding - dilation * (kernel - 1) - 1) / stride + 1;

    private static string Show((long H, long W) v) => v.H == v.W ? $"{v.H}" : $"({v.H}, {v.W})";
}
