using Harness.Core.Configuration;

namespace Harness.Train.Configuration;

/// <summary>Section <c>Mix</c>: batch mixup / cutmix (both alphas 0 = off).</summary>
public sealed class MixOptions : IValidatedOptions
{
    /// <summary>Beta(α, α) parameter of mixup (0 = no mixup).</summary>
    public double MixupAlpha { get; set; }

    /// <summary>Beta(α, α) parameter of cutmix (0 = no cutmix).</summary>
    public double CutmixAlpha { get; set; } = 1.0;

    /// <summary>Probability of cutmix rather than mixup when both are on.</summary>
    public double SwitchProb { get; set; } = 0.5;

    /// <summary>Probability that a batch is mixed.</summary>
    public double Prob { get; set; } = 0.3;

    /// <summary>True when mixing is on.</summary>
    public bool Enabled => MixupAlpha > 0 || CutmixAlpha > 0;

    public IEnumerable<string> Validate()
    {
        var errors = new List<string>();
        errors.AddRange(Check.Range(nameof(MixupAlpha), MixupAlpha, 0, 100));
        errors.AddRange(Check.Range(nameof(CutmixAlpha), CutmixAlpha, 0, 100));
        errors.AddRange(Check.Range(nameof(SwitchProb), SwitchProb, 0, 1));
        errors.AddRange(Check.Range(nameof(Prob), Prob, 0, 1));
        return errors;
    }
}
