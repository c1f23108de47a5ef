namespace Harness.Export.Exporting;

/// <summary>What the exporter records about where the model came from, and the probe inputs.</summary>
public sealed record ExportSources
{
    /// <summary>Class names, in output order.</summary>
    public IReadOnlyList<string> ClassNames { get; init; } = [];

    /// <summary>The normalization formula recorded with <see cref="NormalizationMean"/> and <see cref="NormalizationStd"/>.</summary>
    public string NormalizationFormula { get; init; } = PixelFormula;

    /// <summary>Per-channel normalization of byte images.</summary>
    public const string PixelFormula = "(pixel/255 - mean[c]) / std[c]";

    /// <summary>Per-feature standardization of float feature rows.</summary>
    public const string FeatureFormula = "(x[i] - mean[i]) / std[i]";

    /// <summary>Per-channel mean of the input normalization ((pixel/255 − mean) / std), or per-feature mean.</summary>
    public float[] NormalizationMean { get; init; } = [];

    /// <summary>Per-channel standard deviation of the input normalization.</summary>
    public float[] NormalizationStd { get; init; } = [];

    /// <summary>The checkpoint the model was loaded from (its SHA-256 goes into the metadata), or null.</summary>
    public string? CheckpointPath { get; init; }

    /// <summary>A one-line summary of the training recipe.</summary>
    public string RecipeSummary { get; init; } = "";

    /// <summary>
    /// Probe inputs, already normalized as the model expects: whole samples, row-major [count, …sample shape]
    /// (for example the first test images). The first <see cref="ExportOptions.ProbeSamples"/> are used. Null:
    /// seeded N(0, 1) samples are synthesized (and the probe says so in its input source).
    /// </summary>
    public float[]? ProbeInputs { get; init; }
}
