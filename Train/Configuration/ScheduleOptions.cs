using Harness.Core.Configuration;

namespace Harness.Train.Configuration;

/// <summary>
/// Section <c>Schedule</c>: the learning-rate schedule over optimizer steps. Warm-up (linear from WarmupStartLr
/// to the base rate) comes first for every kind; the decay runs over the remaining steps.
/// </summary>
public sealed class ScheduleOptions : IValidatedOptions
{
    /// <summary>constant | cosine | step.</summary>
    public string Kind { get; set; } = "cosine";

    /// <summary>Warm-up length in epochs (used when WarmupSteps is 0).</summary>
    public int WarmupEpochs { get; set; } = 1;

    /// <summary>Warm-up length in optimizer steps (overrides WarmupEpochs when above 0).</summary>
    public int WarmupSteps { get; set; }

    /// <summary>Learning rate at the first warm-up step.</summary>
    public double WarmupStartLr { get; set; } = 1e-4;

    /// <summary>Final learning rate of the cosine schedule.</summary>
    public double MinLr { get; set; }

    /// <summary>Epochs between decays of the step schedule.</summary>
    public int StepSize { get; set; } = 30;

    /// <summary>Factor applied every StepSize epochs by the step schedule.</summary>
    public double Gamma { get; set; } = 0.1;

    public IEnumerable<string> Validate()
    {
        var errors = new List<string>();
        errors.AddRange(Check.OneOf(nameof(Kind), Kind, "constant", "cosine", "step"));
        errors.AddRange(Check.Range(nameof(WarmupEpochs), WarmupEpochs, 0, 10_000));
        errors.AddRange(Check.Range(nameof(WarmupSteps), WarmupSteps, 0, 100_000_000));
        if (WarmupEpochs > 0 && WarmupSteps > 0)
        {
            errors.Add($"{nameof(WarmupSteps)} = {WarmupSteps}: set either WarmupSteps or WarmupEpochs (= {WarmupEpochs}), not both");
        }

        errors.AddRange(Check.Range(nameof(WarmupStartLr), WarmupStartLr, 0, 10));
        errors.AddRange(Check.Range(nameof(MinLr), MinLr, 0, 10));
        errors.AddRange(Check.Range(nameof(StepSize), StepSize, 1, 100_000));
        errors.AddRange(Check.Range(nameof(Gamma), Gamma, 1e-6, 1));
        return errors;
    }
}
