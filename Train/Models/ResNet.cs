using Harness.Train.Modules;

namespace Harness.Train.Models;

/// <summary>
/// A small ResNet for 28×28 / 32×32 images (the CIFAR layout of He et al. 2016, §4.2): a stem conv3x3 → norm →
/// ReLU at full resolution, stages of <see cref="BasicBlock"/>s (the first block of every stage after the first
/// has stride 2), global average pooling, [Dropout] and a Linear head. Input: [N, C, H, W].
/// <para>State names (a Sequential with named children): "stem.0.weight" (conv), "stem.1.*" (norm),
/// "stages.{s}.{b}.conv1.weight", "stages.{s}.{b}.bn1.running_mean", "stages.{s}.{b}.downsample.0.weight", …,
/// "head.weight" / "head.bias"; stateless children "stem.2" (ReLU), "pool", "flatten", "dropout".</para>
/// <para>Stochastic depth follows a linear schedule over the global block index (see <see cref="DropPathRates"/>).</para>
/// </summary>
public static class ResNet
{
    /// <summary>Builds the ResNet for [N, <paramref name="inChannels"/>, H, W] inputs (any H, W ≥ 1).</summary>
    /// <param name="inChannels">Input channels.</param>
    /// <param name="channels">Stage widths, e.g. [32, 64, 128]; the stem has the first width.</param>
    /// <param name="blocks">Blocks per stage, one entry per width.</param>
    /// <param name="classes">Outputs of the head.</param>
    /// <param name="norm">none, batch (BatchNorm2d) or group (GroupNorm).</param>
    /// <param name="groups">GroupNorm's groups (must divide every width) when <paramref name="norm"/> is group.</param>
    /// <param name="dropout">Dropout before the head, in [0, 1).</param>
    /// <param name="dropout2d">Channel dropout inside every block, between its convolutions, in [0, 1).</param>
    /// <param name="stochasticDepth">The largest DropPath rate (the last block's), in [0, 1).</param>
    public static Sequential Create(int inChannels, IReadOnlyList<int> channels, IReadOnlyList<int> blocks, int classes,
        NormKind norm = NormKind.Batch, int groups = 8, double dropout = 0, double dropout2d = 0, double stochasticDepth = 0)
    {
        ArgumentNullException.ThrowIfNull(channels);
        ArgumentNullException.ThrowIfNull(blocks);
        if (inChannels < 1 || classes < 1 || channels.Count == 0 || channels.Any(c => c < 1) ||
            blocks.Count != channels.Count || blocks.Any(b => b < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(channels),
                $"ResNet(input channels {inChannels}, channels [{string.Join(", ", channels)}], blocks [{string.Join(", ", blocks)}], " +
                $"classes {classes}): needs positive sizes, at least one stage, and one block count (>= 1) per stage.");
        }

        var makeNorm = Norms.ForChannels(norm, groups);
        var rates = DropPathRates(stochasticDepth, blocks.Sum());
        var stem = makeNorm is null
            ? new Sequential(new Conv2d(inChannels, channels[0], 3, padding: 1), new ReLU())
            : new Sequential(new Conv2d(inChannels, channels[0], 3, padding: 1, bias: false), makeNorm(channels[0]), new ReLU());
        var stages = new List<Module>();
        var previous = channels[0];
        var index = 0;
        for (var s = 0; s < channels.Count; s++)
        {
            var stage = new List<Module>();
            for (var b = 0; b < blocks[s]; b++)
            {
                var stride = s > 0 && b == 0 ? 2 : 1;
                stage.Add(new BasicBlock(previous, channels[s], stride, makeNorm, dropout2d, rates[index++]));
                previous = channels[s];
            }

            stages.Add(new Sequential(stage.ToArray()));
        }

        var layers = new List<(string, Module)>
        {
            ("stem", stem),
            ("stages", new Sequential(stages.ToArray())),
            ("pool", new GlobalAvgPool()),
            ("flatten", new Flatten()),
        };
        if (dropout > 0)
        {
            layers.Add(("dropout", new Dropout(dropout)));
        }

        layers.Add(("head", new Linear(previous, classes)));
        return new Sequential(layers);
    }

    /// <summary>
    /// Stochastic depth's linear schedule over the global block index (timm's convention,
    /// drop_path_rate · i / (L − 1)): block i of L gets <paramref name="maxRate"/> · i / (L − 1), so the first
    /// block always keeps its residual branch and the last one gets the full rate, as in Huang et al. 2016
    /// (p_l = l/L · (1 − p_L) with the input "block" at rate 0). With a single block the rate is 0 (timm's
    /// linspace(0, p, 1)); <see cref="Configuration.ModelOptions"/> refuses that combination.
    /// </summary>
    public static double[] DropPathRates(double maxRate, int totalBlocks)
    {
        if (double.IsNaN(maxRate) || maxRate is < 0 or >= 1 || totalBlocks < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxRate),
                $"Stochastic depth rate {maxRate} must be in [0, 1) and the block count ({totalBlocks}) >= 1.");
        }

        return Enumerable.Range(0, totalBlocks)
            .Select(i => totalBlocks == 1 ? 0 : maxRate * i / (totalBlocks - 1))
            .ToArray();
    }
}
