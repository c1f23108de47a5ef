using Harness.Sim;

namespace Harness.Infer.Play;

/// <summary>
/// Named out-of-distribution conditions for the play stage, each a change of the Sim's shift knobs from the
/// in-distribution options: <c>mines</c> (16 mines, an entity never seen in training), <c>sensor-noise</c>
/// (σ = 0.15 on the ray distances; the expert still sees the truth), <c>novel-layouts</c> (long thin walls),
/// <c>hazards</c> (three times the hazards and drones), <c>combined</c> (novel layouts, 8 mines, σ = 0.1), and
/// <c>custom</c> (the Play:Shift* knobs).
/// </summary>
public static class PlayShift
{
    /// <summary>The name of the knob-driven shift.</summary>
    public const string Custom = "custom";

    /// <summary>The preset names.</summary>
    public static IReadOnlyList<string> Presets { get; } = ["mines", "sensor-noise", "novel-layouts", "hazards", "combined"];

    /// <summary><paramref name="baseline"/> with shift <paramref name="name"/> applied.</summary>
    /// <exception cref="ArgumentException">Unknown name.</exception>
    public static SimOptions Apply(SimOptions baseline, string name, PlayOptions options)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(options);
        return name.Trim().ToLowerInvariant() switch
        {
            "mines" => baseline with { Mines = 16 },
            "sensor-noise" => baseline with { SensorNoise = 0.15 },
            "novel-layouts" => baseline with { Layouts = SimOptions.NovelLayouts },
            "hazards" => baseline with { HazardDensity = 3 },
            "combined" => baseline with { Layouts = SimOptions.NovelLayouts, Mines = 8, SensorNoise = 0.1 },
            Custom => baseline with
            {
                Layouts = options.ShiftLayouts, HazardDensity = options.ShiftHazardDensity,
                SensorNoise = options.ShiftSensorNoise, Mines = options.ShiftMines,
            },
            _ => throw new ArgumentException($"Unknown shift '{name}' (known: {string.Join(", ", Presets)}, {Custom}).", nameof(name)),
        };
    }

    /// <summary>The shift knobs that differ from distribution, for reports ("Mines = 16, SensorNoise = 0.15").</summary>
    public static string Describe(SimOptions options)
    {
        var parts = new List<string>();
        if (options.UsesNovelLayouts)
        {
            parts.Add("Layouts = Novel");
        }

        if (options.HazardDensity != 1.0)
        {
            parts.Add(FormattableString.Invariant($"HazardDensity = {options.HazardDensity}"));
        }

        if (options.SensorNoise != 0.0)
        {
            parts.Add(FormattableString.Invariant($"SensorNoise = {options.SensorNoise}"));
        }

        if (options.Mines != 0)
        {
            parts.Add($"Mines = {options.Mines}");
        }

        return parts.Count == 0 ? "in distribution" : string.Join(", ", parts);
    }
}
