namespace Harness.Export.Exporting;

/// <summary>What the exporter records about where the model came from, and the probe inputs.</summary>
public sealed record ExportSources
{
    /// <summary>Class names, in output order.</summary>
    public IReadOnlyList<string> ClassNames { get; init; } = [];

    /// <summary>Per-channel mean of the input normalization ((pixel/255 − mean) / std).</summary>
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
