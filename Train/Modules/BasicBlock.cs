using Harness.Train.Torch;

namespace Harness.Train.Modules;

/// <summary>
/// The residual block of ResNet-18/34 (He et al. 2016):
/// y = ReLU(DropPath(norm2(conv2(Dropout2d(ReLU(norm1(conv1(x))))))) + shortcut(x)), with 3×3 convolutions
/// (the first one carries the stride) and a projection shortcut conv1x1 + norm when the stride is not 1 or the
/// channel count changes (identity otherwise). State names follow torchvision's BasicBlock: conv1, bn1, conv2,
/// bn2, downsample.0 (conv), downsample.1 (norm); the stateless children are named drop (Dropout2d, only when
/// p &gt; 0) and drop_path. "bn" names are kept whichever normalization <c>norm</c> builds, as timm does.
/// </summary>
public sealed class BasicBlock : Module
{
    /// <summary>A block from <paramref name="inChannels"/> to <paramref name="outChannels"/>.</summary>
    /// <param name="inChannels">Input channels (≥ 1).</param>
    /// <param name="outChannels">Output channels (≥ 1).</param>
    /// <param name="stride">Stride of the first convolution and of the projection (≥ 1).</param>
    /// <param name="norm">Builds the normalization layer for a channel count (BatchNorm2d, GroupNorm, …); null
    /// for none, in which case every convolution has a bias (with a norm, biases are redundant and left out).</param>
    /// <param name="dropout2d">Channel dropout between the two convolutions, in [0, 1); 0 leaves it out.</param>
    /// <param name="dropPath">Stochastic depth rate of the residual branch, in [0, 1).</param>
    public BasicBlock(long inChannels, long outChannels, long stride = 1, Func<long, Module>? norm = null,
        double dropout2d = 0, double dropPath = 0)
    {
        if (inChannels < 1 || outChannels < 1 || stride < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(inChannels),
                $"BasicBlock({inChannels}, {outChannels}, stride {stride}): channels and stride must be >= 1.");
        }

        if (double.IsNaN(dropout2d) || dropout2d is < 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(dropout2d), $"BasicBlock Dropout2d probability {dropout2d} is outside [0, 1).");
        }

        InChannels = inChannels;
        OutChannels = outChannels;
        Stride = stride;
        var bias = norm is null;
        Conv1 = RegisterModule("conv1", new Conv2d(inChannels, outChannels, 3, stride, padding: 1, bias: bias));
        Norm1 = norm is null ? null : RegisterModule("bn1", norm(outChannels));
        Dropout = dropout2d > 0 ? RegisterModule("drop", new Dropout2d(dropout2d)) : null;
        Conv2 = RegisterModule("conv2", new Conv2d(outChannels, outChannels, 3, 1, padding: 1, bias: bias));
        Norm2 = norm is null ? null : RegisterModule("bn2", norm(outChannels));
        DropPath = RegisterModule("drop_path", new DropPath(dropPath));
        if (stride != 1 || inChannels != outChannels)
        {
            var projection = new Conv2d(inChannels, outChannels, 1, stride, bias: bias);
            Downsample = RegisterModule("downsample", norm is null ? new Sequential(projection) : new Sequential(projection, norm(outChannels)));
        }
    }

    public long InChannels { get; }

    public long OutChannels { get; }

    public long Stride { get; }

    public Conv2d Conv1 { get; }

    public Module? Norm1 { get; }

    /// <summary>Channel dropout between the convolutions, or null.</summary>
    public Dropout2d? Dropout { get; }

    public Conv2d Conv2 { get; }

    public Module? Norm2 { get; }

    /// <summary>Stochastic depth on the residual branch (identity when its rate is 0).</summary>
    public DropPath DropPath { get; }

    /// <summary>The projection shortcut (conv1x1 [+ norm]), or null for the identity shortcut.</summary>
    public Sequential? Downsample { get; }

    public override Tensor Forward(Tensor input)
    {
        using var scope = TensorScope.Begin();
        var x = Conv1.Forward(input);
        x = Norm1?.Forward(x) ?? x;
        x = x.Relu();
        x = Dropout?.Forward(x) ?? x;
        x = Conv2.Forward(x);
        x = Norm2?.Forward(x) ?? x;
        x = DropPath.Forward(x);
        var shortcut = Downsample?.Forward(input) ?? input;
        var sum = x + shortcut;

        // Every temporary above belongs to this scope and dies with it; only the result moves out.
        return sum.Relu().MoveToOuterScope();
    }
}
