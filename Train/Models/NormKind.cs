using Harness.Train.Modules;

namespace Harness.Train.Models;

/// <summary>Which normalization a model puts after its hidden linear or convolution layers.</summary>
public enum NormKind
{
    /// <summary>No normalization (layers keep their bias).</summary>
    None,

    /// <summary>BatchNorm1d after hidden Linear layers, BatchNorm2d after convolutions.</summary>
    Batch,

    /// <summary>LayerNorm over the features (MLP only).</summary>
    Layer,

    /// <summary>GroupNorm over the channels (conv models only).</summary>
    Group,

    /// <summary>RMSNorm over the features (MLP only).</summary>
    Rms,
}

/// <summary>Builds the normalization layer a <see cref="NormKind"/> stands for.</summary>
public static class Norms
{
    /// <summary>The layer after a hidden Linear of <paramref name="features"/> outputs, or null for <see cref="NormKind.None"/>.</summary>
    /// <exception cref="ArgumentException">GroupNorm requested for an MLP.</exception>
    public static Module? ForFeatures(NormKind kind, long features) => kind switch
    {
        NormKind.None => null,
        NormKind.Batch => new BatchNorm1d(features),
        NormKind.Layer => new LayerNorm(features),
        NormKind.Rms => new RMSNorm(features),
        _ => throw new ArgumentException($"Norm {kind} does not apply to fully connected layers (use none, batch, layer or rms).", nameof(kind)),
    };

    /// <summary>
    /// A factory of the layer after a convolution (BatchNorm2d, or GroupNorm with <paramref name="groups"/>
    /// groups), or null for <see cref="NormKind.None"/>.
    /// </summary>
    /// <exception cref="ArgumentException">LayerNorm or RMSNorm requested for a conv model.</exception>
    public static Func<long, Module>? ForChannels(NormKind kind, int groups) => kind switch
    {
        NormKind.None => null,
        NormKind.Batch => c => new BatchNorm2d(c),
        NormKind.Group => c => new GroupNorm(groups, c),
        _ => throw new ArgumentException($"Norm {kind} does not apply to convolutions (use none, batch or group).", nameof(kind)),
    };
}
