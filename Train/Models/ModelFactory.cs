using Harness.Train.Configuration;
using Harness.Train.Modules;

namespace Harness.Train.Models;

/// <summary>A built network and the per-sample input shape it expects (the batch dimension comes first).</summary>
/// <param name="Module">The network, in training mode; the caller owns and disposes it.</param>
/// <param name="InputShape">[C·H·W] for the MLP, [C, H, W] for conv models.</param>
public sealed record BuiltModel(Module Module, long[] InputShape);

/// <summary>Builds the network <see cref="ModelOptions"/> describes for a dataset's image size and class count.</summary>
public static class ModelFactory
{
    /// <summary>
    /// Validates <paramref name="options"/> against the data shape and builds the model: an <see cref="Mlp"/> over
    /// flattened images, a <see cref="Cnn"/> or a <see cref="ResNet"/>.
    /// </summary>
    /// <exception cref="ArgumentException">Every problem with the options and the data shape, in one message.</exception>
    public static BuiltModel Create(ModelOptions options, int channels, int height, int width, int classes)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate().ToList();
        if (channels < 1 || height < 1 || width < 1)
        {
            errors.Add($"input shape {channels}×{height}×{width}: channels, height and width must be >= 1");
        }

        if (classes < 2)
        {
            errors.Add($"classes = {classes}: a classifier needs at least 2");
        }

        var kind = options.KindName();
        if (errors.Count == 0 && kind == "cnn")
        {
            var (h, w) = Cnn.OutputSize(height, width, options.Channels.Length);
            if (h < 1 || w < 1)
            {
                errors.Add($"Channels = [{string.Join(", ", options.Channels)}]: {options.Channels.Length} stages pool " +
                           $"{height}×{width} inputs below 1×1 (each stage halves the size); use at most " +
                           $"{(int)Math.Log2(Math.Min(height, width))} stages");
            }
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid model options:\n  - " + string.Join("\n  - ", errors), nameof(options));
        }

        var norm = options.NormKind();
        return kind switch
        {
            "mlp" => new BuiltModel(
                Mlp.Create(channels * height * width, options.Hidden, classes, norm, options.Dropout, options.DropConnect),
                [(long)channels * height * width]),
            "cnn" => new BuiltModel(
                Cnn.Create(channels, height, width, options.Channels, classes, norm, options.Groups, options.Dropout,
                    options.Dropout2d, globalPool: options.Pool.Trim().Equals("avg", StringComparison.OrdinalIgnoreCase)),
                [channels, height, width]),
            _ => new BuiltModel(
                ResNet.Create(channels, options.Channels, options.Blocks, classes, norm, options.Groups, options.Dropout,
                    options.Dropout2d, options.StochasticDepth),
                [channels, height, width]),
        };
    }
}
