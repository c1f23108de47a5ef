using Harness.Core.Configuration;

namespace Harness.Train.Configuration;

/// <summary>
/// Section <c>Model</c>: which network <see cref="Models.ModelFactory"/> builds and its regularizers. Settings that
/// do not apply to the chosen <see cref="Kind"/> must stay at their neutral value (0) rather than be ignored.
/// </summary>
public sealed class ModelOptions : IValidatedOptions
{
    public static readonly string[] Kinds = ["mlp", "cnn", "resnet"];
    public static readonly string[] Norms = ["none", "batch", "layer", "group", "rms"];
    public static readonly string[] Pools = ["avg", "flatten"];

    /// <summary>mlp | cnn | resnet.</summary>
    public string Kind { get; set; } = "cnn";

    /// <summary>MLP hidden widths.</summary>
    public int[] Hidden { get; set; } = [256];

    /// <summary>CNN / ResNet stage widths (the ResNet stem has the first).</summary>
    public int[] Channels { get; set; } = [32, 64, 128];

    /// <summary>ResNet blocks per stage, one entry per <see cref="Channels"/> entry.</summary>
    public int[] Blocks { get; set; } = [2, 2, 2];

    /// <summary>
    /// none | batch | layer | group | rms. MLP hidden layers: batch → BatchNorm1d, layer → LayerNorm, rms → RMSNorm;
    /// conv models: batch → BatchNorm2d, group → GroupNorm.
    /// </summary>
    public string Norm { get; set; } = "batch";

    /// <summary>GroupNorm's groups; must divide every width of <see cref="Channels"/> when Norm is group.</summary>
    public int Groups { get; set; } = 8;

    /// <summary>CNN head input: avg (global average pooling) | flatten (the whole last feature map).</summary>
    public string Pool { get; set; } = "avg";

    /// <summary>Dropout after each MLP hidden activation, or before the CNN / ResNet head (0 disables).</summary>
    public double Dropout { get; set; } = 0.2;

    /// <summary>Channel dropout: after each CNN stage, or between the convolutions of each ResNet block.</summary>
    public double Dropout2d { get; set; }

    /// <summary>DropConnect probability on the MLP hidden Linear layers.</summary>
    public double DropConnect { get; set; }

    /// <summary>ResNet's largest stochastic depth (DropPath) rate, reached by the last block (linear schedule).</summary>
    public double StochasticDepth { get; set; }

    // Parsed forms are methods, not properties: the binder treats every public property as a settable key.

    /// <summary><see cref="Kind"/> trimmed and lower case (one of <see cref="Kinds"/> once validated).</summary>
    public string KindName() => Kind.Trim().ToLowerInvariant();

    /// <summary><see cref="Norm"/> parsed; throws for a value <see cref="Validate"/> reports.</summary>
    public Models.NormKind NormKind() => Norm.Trim().ToLowerInvariant() switch
    {
        "batch" => Models.NormKind.Batch,
        "layer" => Models.NormKind.Layer,
        "group" => Models.NormKind.Group,
        "rms" => Models.NormKind.Rms,
        "none" => Models.NormKind.None,
        _ => throw new InvalidOperationException($"Norm = '{Norm}': must be one of {string.Join(", ", Norms)}"),
    };

    public IEnumerable<string> Validate()
    {
        var errors = new List<string>();
        var kind = (Kind ?? "").Trim();
        var norm = (Norm ?? "").Trim().ToLowerInvariant();
        errors.AddRange(Check.OneOf(nameof(Kind), kind, Kinds));
        errors.AddRange(Check.OneOf(nameof(Norm), norm, Norms));
        errors.AddRange(Check.OneOf(nameof(Pool), (Pool ?? "").Trim(), Pools));
        errors.AddRange(Check.Range(nameof(Groups), Groups, 1, 1024));
        errors.AddRange(Check.RangeExclusiveMax(nameof(Dropout), Dropout, 0, 1));
        errors.AddRange(Check.RangeExclusiveMax(nameof(Dropout2d), Dropout2d, 0, 1));
        errors.AddRange(Check.RangeExclusiveMax(nameof(DropConnect), DropConnect, 0, 1));
        errors.AddRange(Check.RangeExclusiveMax(nameof(StochasticDepth), StochasticDepth, 0, 1));
        Widths(errors, nameof(Hidden), Hidden, 65_536);
        Widths(errors, nameof(Channels), Channels, 4_096);
        Widths(errors, nameof(Blocks), Blocks, 64);

        kind = kind.ToLowerInvariant();
        var isConv = kind is "cnn" or "resnet";
        if (kind == "mlp" && norm == "group")
        {
            errors.Add($"{nameof(Norm)} = '{Norm}': not available for Kind = mlp (allowed: none, batch, layer, rms)");
        }

        if (isConv && norm is "layer" or "rms")
        {
            errors.Add($"{nameof(Norm)} = '{Norm}': not available for Kind = {kind} (allowed: none, batch, group)");
        }

        if (isConv && norm == "group" && Groups >= 1 && Channels?.FirstOrDefault(c => c >= 1 && c % Groups != 0) is int bad and > 0)
        {
            errors.Add($"{nameof(Groups)} = {Groups}: must divide every width of {nameof(Channels)} " +
                       $"[{string.Join(", ", Channels)}] for GroupNorm ({bad} is not a multiple)");
        }

        if (kind == "mlp" && Dropout2d > 0)
        {
            errors.Add($"{nameof(Dropout2d)} = {Dropout2d}: applies only to Kind = cnn or resnet (must be 0 for mlp)");
        }

        if (isConv && DropConnect > 0)
        {
            errors.Add($"{nameof(DropConnect)} = {DropConnect}: applies only to Kind = mlp (must be 0 for {kind})");
        }

        if (kind is "mlp" or "cnn" && StochasticDepth > 0)
        {
            errors.Add($"{nameof(StochasticDepth)} = {StochasticDepth}: applies only to Kind = resnet (must be 0 for {kind})");
        }

        if (kind == "resnet" && Channels is { Length: > 0 } && Blocks is { Length: > 0 })
        {
            if (Blocks.Length != Channels.Length)
            {
                errors.Add($"{nameof(Blocks)} = [{string.Join(", ", Blocks)}]: needs one entry per stage of " +
                           $"{nameof(Channels)} [{string.Join(", ", Channels)}] ({Channels.Length} entries)");
            }
            else if (StochasticDepth > 0 && Blocks.Sum() == 1)
            {
                errors.Add($"{nameof(StochasticDepth)} = {StochasticDepth}: has no effect with a single block " +
                           "(the linear schedule gives the first block rate 0); use more blocks or 0");
            }
        }

        return errors;
    }

    private static void Widths(List<string> errors, string key, int[]? values, int max)
    {
        if (values is null || values.Length == 0 || values.Any(v => v < 1 || v > max))
        {
            errors.Add($"{key} = [{string.Join(", ", values ?? [])}]: needs at least one entry, each between 1 and {max}");
        }
    }
}
