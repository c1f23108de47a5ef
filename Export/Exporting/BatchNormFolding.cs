using Harness.Train.Modules;

namespace Harness.Export.Exporting;

/// <summary>
/// Folds an inference-mode BatchNorm into the affine layer before it. Per output channel c, with
/// s_c = γ_c / √(var_c + ε): W'[c, …] = W[c, …] · s_c and b'_c = (b_c − mean_c) · s_c + β_c (b = 0 without bias).
/// Computed in double, rounded once to float32.
/// </summary>
internal static class BatchNormFolding
{
    /// <summary>Whether <paramref name="bn"/> after <paramref name="layer"/> can be folded: folding is on, the
    /// layer is a Conv2d before a BatchNorm2d or a Linear/DropConnectLinear over [N, in] before a BatchNorm1d, and
    /// the channel counts agree.</summary>
    public static bool CanFold(EmitContext context, Module layer, BatchNormBase bn, string input)
    {
        if (!context.Settings.FoldBatchNorm)
        {
            return false;
        }

        return layer switch
        {
            Conv2d conv => bn is BatchNorm2d && conv.OutChannels == bn.Features,
            Linear linear => bn is BatchNorm1d && linear.OutFeatures == bn.Features && RankTwo(context, input),
            DropConnectLinear linear => bn is BatchNorm1d && linear.OutFeatures == bn.Features && RankTwo(context, input),
            _ => false,
        };
    }

    /// <summary>The folded weight (same layout, output channel first) and bias.</summary>
    public static (float[] Weight, float[] Bias) Fold(float[] weight, float[]? bias, BatchNormBase bn)
    {
        var channels = (int)bn.Features;
        var gamma = bn.Weight.ToFloatArray();
        var beta = bn.Bias.ToFloatArray();
        var mean = bn.RunningMean.ToFloatArray();
        var variance = bn.RunningVar.ToFloatArray();
        var perChannel = weight.Length / channels;
        var foldedWeight = new float[weight.Length];
        var foldedBias = new float[channels];
        for (var c = 0; c < channels; c++)
        {
            var scale = gamma[c] / Math.Sqrt(variance[c] + bn.Eps);
            for (var j = 0; j < perChannel; j++)
            {
                foldedWeight[c * perChannel + j] = (float)(weight[c * perChannel + j] * scale);
            }

            foldedBias[c] = (float)(((bias?[c] ?? 0.0) - mean[c]) * scale + beta[c]);
        }

        return (foldedWeight, foldedBias);
    }

    private static bool RankTwo(EmitContext context, string input) => context.Graph.ShapeOf(input)?.Count == 2;
}
