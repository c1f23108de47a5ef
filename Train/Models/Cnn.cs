using Harness.Train.Modules;

namespace Harness.Train.Models;

/// <summary>
/// A small VGG-style CNN: for each stage width c, [conv3x3(c) → norm → ReLU] × 2 → MaxPool2d(2) → [Dropout2d];
/// then global average pooling (or flattening), [Dropout] and a Linear head. Input: [N, C, H, W].
/// <para>State names (a Sequential with named children, as PyTorch's Sequential(OrderedDict)):
/// "stages.{s}.{i}.…" where stage s is a Sequential numbered like nn.Sequential (with batch norm:
/// 0 conv, 1 bn, 2 relu, 3 conv, 4 bn, 5 relu, 6 pool, 7 dropout2d), e.g. "stages.0.0.weight",
/// "stages.0.1.running_mean"; then "pool", "flatten", "dropout" and "head.weight" / "head.bias".</para>
/// <para>Convolutions have no bias when a norm follows (it would be cancelled by the normalization).</para>
/// </summary>
public static class Cnn
{
    /// <summary>Convolutions per stage.</summary>
    public const int ConvsPerStage = 2;

    /// <summary>Builds the CNN for [N, <paramref name="inChannels"/>, <paramref name="height"/>, <paramref name="width"/>] inputs.</summary>
    /// <param name="inChannels">Input channels (1 for Fashion-MNIST, 3 for CIFAR-10).</param>
    /// <param name="height">Input height; must survive one 2×2 pooling per stage.</param>
    /// <param name="width">Input width; must survive one 2×2 pooling per stage.</param>
    /// <param name="channels">Stage widths, e.g. [32, 64, 128].</param>
    /// <param name="classes">Outputs of the head.</param>
    /// <param name="norm">none, batch (BatchNorm2d) or group (GroupNorm).</param>
    /// <param name="groups">GroupNorm's groups (must divide every width) when <paramref name="norm"/> is group.</param>
    /// <param name="dropout">Dropout before the head, in [0, 1).</param>
    /// <param name="dropout2d">Channel dropout at the end of each stage, in [0, 1).</param>
    /// <param name="globalPool">True: global average pooling before the head; false: flatten the last feature map.</param>
    public static Sequential Create(int inChannels, int height, int width, IReadOnlyList<int> channels, int classes,
        NormKind norm = NormKind.Batch, int groups = 8, double dropout = 0, double dropout2d = 0, bool globalPool = true)
    {
        ArgumentNullException.ThrowIfNull(channels);
        var (h, w) = OutputSize(height, width, channels.Count);
        if (inChannels < 1 || classes < 1 || channels.Count == 0 || channels.Any(c => c < 1) || h < 1 || w < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(channels),
                $"Cnn(input {inChannels}×{height}×{width}, channels [{string.Join(", ", channels)}], classes {classes}): " +
                $"needs positive sizes, at least one stage, and an input of at least {1 << channels.Count}×{1 << channels.Count} " +
                "(one 2×2 pooling per stage).");
        }

        var makeNorm = Norms.ForChannels(norm, groups);
        var stages = new List<Module>();
        var previous = inChannels;
        foreach (var c in channels)
        {
            var stage = new List<Module>();
            for (var i = 0; i < ConvsPerStage; i++)
            {
                stage.Add(new Conv2d(i == 0 ? previous : c, c, 3, padding: 1, bias: makeNorm is null));
                if (makeNorm is not null)
                {
                    stage.Add(makeNorm(c));
                }

                stage.Add(new ReLU());
            }

            stage.Add(new MaxPool2d(2));
            if (dropout2d > 0)
            {
                stage.Add(new Dropout2d(dropout2d));
            }

            stages.Add(new Sequential(stage.ToArray()));
            previous = c;
        }

        var layers = new List<(string, Module)> { ("stages", new Sequential(stages.ToArray())) };
        if (globalPool)
        {
            layers.Add(("pool", new GlobalAvgPool()));
        }

        layers.Add(("flatten", new Flatten()));
        if (dropout > 0)
        {
            layers.Add(("dropout", new Dropout(dropout)));
        }

        layers.Add(("head", new Linear(globalPool ? previous : (long)previous * h * w, classes)));
        return new Sequential(layers);
    }

    /// <summary>Spatial size after <paramref name="stages"/> 2×2 poolings (floor, as MaxPool2d does).</summary>
    public static (int H, int W) OutputSize(int height, int width, int stages) =>
        (height >> Math.Min(stages, 30), width >> Math.Min(stages, 30));
}
