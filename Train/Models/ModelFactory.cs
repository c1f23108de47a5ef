using Harness.Train.Configuration;
using Harness.Train.Modules;

namespace Harness.Train.Models;

/// <summary>A built network and the per-sample input shape it expects (the batch dimension comes first).</summary>
/// <param name="Module">The network, in training mode; the caller owns and disposes it.</param>
/// <param name="InputShape">[C·H·W] for the MLP, [C, H, W] for conv models.</param>
public sealed record BuiltModel(Module Module, long[] InputShape);

/// <summary>Builds the network <see cref="ModelOptions"/> describes for a dataset's sample shape and class count.</summary>
public static class ModelFactory
{
    /// <summary>
    /// The model for samples of shape <paramref name="sampleDimensions"/>: [C, H, W] images (see
    /// <see cref="Create(ModelOptions, int, int, int, int)"/>) or [F] feature rows (an <see cref="Mlp"/> only).
    /// </summary>
    /// <exception cref="ArgumentException">Every problem with the options and the data shape, in one message.</exception>
    public static BuiltModel Create(ModelOptions options, IReadOnlyList<int> sampleDimensions, int classes)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sampleDimensions);
        return sampleDimensions.Count switch
        {
            3 => Create(options, sampleDimensions[0], sampleDimensions[1], sampleDimensions[2], classes),
            1 => CreateForFeatures(options, sampleDimensions[0], classes),
            _ => throw new ArgumentException(
                $"Samples of shape [{string.Join(", ", sampleDimensions)}]: models take [C, H, W] images or [F] feature rows."),
        };
    }

    /// <summary>An <see cref="Mlp"/> over rows of <paramref name="features"/> floats (input shape [F]).</summary>
    /// <exception cref="ArgumentException">Every problem with the options (a kind other than mlp among them).</exception>
    public static BuiltModel CreateForFeatures(ModelOptions options, int features, int classes)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate().ToList();
        if (errors.Count == 0 && options.KindName() != "mlp")
        {
            errors.Add($"Kind = '{options.Kind}': feature rows have no image layout; allowed: mlp");
        }

        if (features < 1)
        {
            errors.Add($"features = {features}: must be >= 1");
        }

        if (classes < 2)
        {
            errors.Add($"classes = {classes}: a classifier needs at least 2");
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid model options:\n  - " + string.Join("\n  - ", errors), nameof(options));
        }

        return new BuiltModel(
            Mlp.Create(features, options.Hidden, classes, options.NormKind(), options.Dropout, options.DropConnect), [features]);
    }

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
