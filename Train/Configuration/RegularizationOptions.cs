using Harness.Core.Configuration;

namespace Harness.Train.Configuration;

/// <summary>
/// Section <c>Regularization</c>: explicit penalties, constraints, gradient clipping and noise, label smoothing,
/// weight averaging and early stopping. A value of 0 switches the corresponding piece off.
/// </summary>
public sealed class RegularizationOptions : IValidatedOptions
{
    /// <summary>L1 penalty strength: + L1·Σ|w| over the decayed parameters.</summary>
    public double L1 { get; set; }

    /// <summary>L2 penalty strength: + (L2/2)·Σw² over the decayed parameters (gradient L2·w). L1 and L2 together are elastic net.</summary>
    public double L2 { get; set; }

    /// <summary>Max-norm bound c per output unit of every weight with 2+ dimensions (0 = off).</summary>
    public double MaxNorm { get; set; }

    /// <summary>Global gradient-norm limit (clip_grad_norm_; 0 = off).</summary>
    public double ClipGradNorm { get; set; } = 5.0;

    /// <summary>Per-element gradient limit (clip_grad_value_; 0 = off).</summary>
    public double ClipGradValue { get; set; }

    /// <summary>Gradient noise η: variance η/(1 + t)^γ (0 = off).</summary>
    public double GradientNoise { get; set; }

    /// <summary>Gradient noise decay exponent γ.</summary>
    public double GradientNoiseGamma { get; set; } = 0.55;

    /// <summary>Standard deviation of additive weight noise during forward/backward (0 = off).</summary>
    public double WeightNoise { get; set; }

    /// <summary>Label smoothing ε (PyTorch's definition).</summary>
    public double LabelSmoothing { get; set; } = 0.1;

    /// <summary>EMA decay of the weights (0 = no EMA).</summary>
    public double EmaDecay { get; set; } = 0.999;

    /// <summary>EMA warm-up: decay_t = min(EmaDecay, (1 + t)/(10 + t)).</summary>
    public bool EmaWarmup { get; set; } = true;

    /// <summary>Epochs without validation-loss improvement before stopping (0 = off).</summary>
    public int EarlyStoppingPatience { get; set; } = 5;

    /// <summary>Smallest decrease of the validation loss that counts as an improvement.</summary>
    public double EarlyStoppingMinDelta { get; set; } = 0.0005;

    /// <summary>Restore the weights of the best epoch when stopping.</summary>
    public bool EarlyStoppingRestoreBest { get; set; } = true;

    public IEnumerable<string> Validate()
    {
        var errors = new List<string>();
        errors.AddRange(Check.Range(nameof(L1), L1, 0, 1));
        errors.AddRange(Check.Range(nameof(L2), L2, 0, 1));
        errors.AddRange(Check.Range(nameof(MaxNorm), MaxNorm, 0, 1e6));
        errors.AddRange(Check.Range(nameof(ClipGradNorm), ClipGradNorm, 0, 1e6));
        errors.AddRange(Check.Range(nameof(ClipGradValue), ClipGradValue, 0, 1e6));
        errors.AddRange(Check.Range(nameof(GradientNoise), GradientNoise, 0, 10));
        errors.AddRange(Check.Range(nameof(GradientNoiseGamma), GradientNoiseGamma, 0, 10));
        errors.AddRange(Check.Range(nameof(WeightNoise), WeightNoise, 0, 10));
        errors.AddRange(Check.RangeExclusiveMax(nameof(LabelSmoothing), LabelSmoothing, 0, 1));
        errors.AddRange(Check.RangeExclusiveMax(nameof(EmaDecay), EmaDecay, 0, 1));
        errors.AddRange(Check.Range(nameof(EarlyStoppingPatience), EarlyStoppingPatience, 0, 10_000));
        errors.AddRange(Check.Range(nameof(EarlyStoppingMinDelta), EarlyStoppingMinDelta, 0, 1e6));
        return errors;
    }
}
