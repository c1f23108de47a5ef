using Harness.Core.Configuration;

namespace Harness.Sim;

/// <summary>
/// Section <c>Sim</c>: the size of the world and the distribution-shift knobs.
/// <para>
/// In distribution (what training data are generated with) are the defaults of the five shift knobs:
/// <see cref="Layouts"/> = Train, <see cref="HazardDensity"/> = 1, <see cref="SensorNoise"/> = 0,
/// <see cref="Palette"/> = Standard with <see cref="Brightness"/> = 1 and <see cref="Contrast"/> = 1, and
/// <see cref="Mines"/> = 0. Any other value is a shift (<see cref="IsInDistribution"/> says which).
/// </para>
/// </summary>
public sealed record SimOptions : IValidatedOptions
{
    /// <summary>Layout family name of the training layouts.</summary>
    public const string TrainLayouts = "Train";

    /// <summary>Layout family name of the held-out layouts (a different generator: long thin walls).</summary>
    public const string NovelLayouts = "Novel";

    /// <summary>Agents in one world (each with its own state; they do not collide with each other).</summary>
    public int Agents { get; set; } = 64;

    /// <summary>Ticks in one episode (at 10 Hz).</summary>
    public int EpisodeTicks { get; set; } = 500;

    /// <summary>Pickups in the arena (a touched pickup respawns elsewhere).</summary>
    public int Pickups { get; set; } = 20;

    /// <summary>Static hazards at hazard density 1.</summary>
    public int Hazards { get; set; } = 8;

    /// <summary>Drones at hazard density 1.</summary>
    public int Drones { get; set; } = 4;

    /// <summary>How many distinct layouts the Train family cycles through (a world's seed picks one).</summary>
    public int LayoutCount { get; set; } = 16;

    /// <summary>Shift knob: layout family, <c>Train</c> (in distribution) or <c>Novel</c>.</summary>
    public string Layouts { get; set; } = TrainLayouts;

    /// <summary>Shift knob: multiplies the number of hazards and drones (1 in distribution).</summary>
    public double HazardDensity { get; set; } = 1.0;

    /// <summary>Shift knob: σ of Gaussian noise added to each normalized ray distance (0 in distribution).</summary>
    public double SensorNoise { get; set; }

    /// <summary>Shift knob: colour scheme of rendered views, <c>Standard</c> (in distribution), <c>Inverted</c>
    /// or <c>Grayscale</c>.</summary>
    public string Palette { get; set; } = "Standard";

    /// <summary>Shift knob: rendered views' brightness multiplier (1 in distribution).</summary>
    public double Brightness { get; set; } = 1.0;

    /// <summary>Shift knob: rendered views' contrast around mid-grey (1 in distribution).</summary>
    public double Contrast { get; set; } = 1.0;

    /// <summary>Shift knob: number of mines, a hazardous entity type never present in training (0 in
    /// distribution). Mines look different in views and have their own ray one-hot slot.</summary>
    public int Mines { get; set; }

    /// <summary>Allowed palette names.</summary>
    public static IReadOnlyList<string> PaletteNames { get; } = ["Standard", "Inverted", "Grayscale"];

    /// <summary>Hazards after the density multiplier.</summary>
    public int EffectiveHazards => (int)Math.Round(Hazards * HazardDensity, MidpointRounding.AwayFromZero);

    /// <summary>Drones after the density multiplier.</summary>
    public int EffectiveDrones => (int)Math.Round(Drones * HazardDensity, MidpointRounding.AwayFromZero);

    /// <summary>Whether the Novel layout family is selected.</summary>
    public bool UsesNovelLayouts => string.Equals(Layouts, NovelLayouts, StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether every shift knob is at its in-distribution default.</summary>
    public bool IsInDistribution =>
        !UsesNovelLayouts && HazardDensity == 1.0 && SensorNoise == 0.0 &&
        string.Equals(Palette, "Standard", StringComparison.OrdinalIgnoreCase) &&
        Brightness == 1.0 && Contrast == 1.0 && Mines == 0;

    /// <inheritdoc />
    public IEnumerable<string> Validate()
    {
        var errors = new List<string>();
        errors.AddRange(Check.Range(nameof(Agents), Agents, 1, 4096));
        errors.AddRange(Check.Range(nameof(EpisodeTicks), EpisodeTicks, 1, 1_000_000));
        errors.AddRange(Check.Range(nameof(Pickups), Pickups, 0, 256));
        errors.AddRange(Check.Range(nameof(Hazards), Hazards, 0, 64));
        errors.AddRange(Check.Range(nameof(Drones), Drones, 0, 32));
        errors.AddRange(Check.Range(nameof(LayoutCount), LayoutCount, 1, 100_000));
        errors.AddRange(Check.OneOf(nameof(Layouts), Layouts, TrainLayouts, NovelLayouts));
        errors.AddRange(Check.Range(nameof(HazardDensity), HazardDensity, 0, 4));
        errors.AddRange(Check.Range(nameof(SensorNoise), SensorNoise, 0, 0.5));
        errors.AddRange(Check.OneOf(nameof(Palette), Palette, [.. PaletteNames]));
        errors.AddRange(Check.Range(nameof(Brightness), Brightness, 0.25, 2));
        errors.AddRange(Check.Range(nameof(Contrast), Contrast, 0.25, 2));
        errors.AddRange(Check.Range(nameof(Mines), Mines, 0, 64));
        return errors;
    }

    /// <summary>Throws <see cref="ArgumentException"/> listing every problem (for code that builds options by hand).</summary>
    public void ThrowIfInvalid()
    {
        var errors = Validate().ToList();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid Sim options: " + string.Join("; ", errors));
        }
    }
}
