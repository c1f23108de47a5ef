using System.Text.Json.Serialization;

namespace Harness.Bench.Gate;

/// <summary>Which way a tracked figure improves.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Better>))]
public enum Better
{
    /// <summary>Latency and the like: a higher value is a regression.</summary>
    Lower,

    /// <summary>Throughput, speed-up ratios: a lower value is a regression.</summary>
    Higher,
}

/// <summary>One tracked figure of the regression gate.</summary>
/// <param name="Name">Stable identifier, e.g. <c>ort.mlp.b1.run_us</c>.</param>
/// <param name="Value">The measured value (finite).</param>
/// <param name="Unit">"us", "samples/s", "x", …</param>
/// <param name="Better">Which way it improves.</param>
/// <param name="Description">What was measured, in words.</param>
public sealed record GateFigure(string Name, double Value, string Unit, Better Better, string Description = "");

/// <summary>Where and on what a set of figures was measured.</summary>
public sealed record GateMetadata
{
    public string Machine { get; init; } = "";
    public string Os { get; init; } = "";
    public int Cores { get; init; }

    /// <summary>1-, 5- and 15-minute load averages before measuring (/proc/loadavg), or null where unavailable.</summary>
    public double[]? LoadAverage { get; init; }

    /// <summary>The same after measuring.</summary>
    public double[]? LoadAverageAfter { get; init; }

    public string OrtVersion { get; init; } = "";
    public string TorchVersion { get; init; } = "";
    public string DotNetVersion { get; init; } = "";

    /// <summary>The git commit of the repository, or null when git could not tell.</summary>
    public string? GitCommit { get; init; }

    public DateTimeOffset MeasuredAt { get; init; }

    /// <summary>Repetitions per figure (the value is their median).</summary>
    public int Repetitions { get; init; }
}

/// <summary>A saved set of figures: the baseline file's content.</summary>
public sealed record GateBaseline(int Schema, GateMetadata Metadata, IReadOnlyList<GateFigure> Figures)
{
    /// <summary>The file format version written now.</summary>
    public const int CurrentSchema = 1;
}
