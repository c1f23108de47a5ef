using Harness.Core.Configuration;

namespace Harness.Infer.Uncertainty;

/// <summary>Section <c>Uncertainty</c>: how MC-dropout uncertainty is evaluated.</summary>
public sealed class UncertaintyOptions : IValidatedOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Uncertainty";

    /// <summary>T, the MC-dropout passes per sample (30–100 is the common practical range).</summary>
    public int Passes { get; set; } = 30;

    /// <summary>The cap on rows (batch entries) per ORT call when passes are tiled along the batch.</summary>
    public int MaxRowsPerCall { get; set; } = McPassRunner.DefaultMaxRowsPerCall;

    /// <summary>Test images evaluated (a seeded random subset); 0 = the whole test set.</summary>
    public int Samples { get; set; } = 2000;

    /// <summary>Distribution shifts for OOD detection (<see cref="ImageShift"/> specs).</summary>
    public string[] Shifts { get; set; } = [.. ImageShift.DefaultSpecs];

    /// <summary>Seed of the subset choice and of the shifts.</summary>
    public long Seed { get; set; } = 42;

    /// <summary>Examples timed one at a time (batch 1: deterministic, tiled MC, looped MC); 0 = no timing.</summary>
    public int TimingSamples { get; set; } = 200;

    /// <summary>Bins of the in- vs out-of-distribution histograms of entropy and mutual information.</summary>
    public int HistogramBins { get; set; } = 20;

    /// <summary>The parsed <see cref="Shifts"/> (call after <see cref="Validate"/> found nothing).</summary>
    public IReadOnlyList<ImageShift> ParsedShifts() => Shifts.Select(ImageShift.Parse).ToArray();

    /// <inheritdoc />
    public IEnumerable<string> Validate()
    {
        var errors = new List<string>();
        errors.AddRange(Check.Range(nameof(Passes), Passes, 1, 10_000));
        errors.AddRange(Check.Range(nameof(MaxRowsPerCall), MaxRowsPerCall, 1, 1 << 20));
        errors.AddRange(Check.Range(nameof(Samples), Samples, 0, 10_000_000));
        errors.AddRange(Check.Range(nameof(Seed), Seed, 0, long.MaxValue));
        errors.AddRange(Check.Range(nameof(TimingSamples), TimingSamples, 0, 100_000));
        errors.AddRange(Check.Range(nameof(HistogramBins), HistogramBins, 2, 1000));
        var shifts = Shifts ?? [];
        for (var i = 0; i < shifts.Length; i++)
        {
            if (!ImageShift.TryParse(shifts[i], out _, out var error))
            {
                errors.Add($"{nameof(Shifts)}:{i} = {error}");
            }
        }

        if (shifts.Select(s => s?.Trim().ToLowerInvariant()).Distinct().Count() != shifts.Length)
        {
            errors.Add($"{nameof(Shifts)} = [{string.Join(", ", shifts)}]: must not list a shift twice");
        }

        return errors;
    }
}
