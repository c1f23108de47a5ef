using Harness.Train.Torch;

namespace Harness.Train.Optim;

/// <summary>
/// The Adam moment update shared by <see cref="Adam"/> and <see cref="AdamW"/>, step for step as PyTorch 1.13:
/// m ← β₁m + (1 − β₁)g; v ← β₂v + (1 − β₂)g²; θ ← θ − (lr / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε).
/// Subclasses decide how weight decay enters. The step t is the optimizer's global <see cref="Optimizer.StepCount"/>
/// (PyTorch counts per parameter; the two agree whenever every parameter gets a gradient at every step).
/// </summary>
public abstract class AdamBase : Optimizer
{
    private static readonly string[] Slots = ["exp_avg", "exp_avg_sq"];

    protected AdamBase(IReadOnlyList<ParameterGroup> groups, double learningRate, double beta1, double beta2, double eps)
        : base(groups, learningRate)
    {
        if (beta1 is < 0 or >= 1 || beta2 is < 0 or >= 1 || double.IsNaN(beta1) || double.IsNaN(beta2))
        {
            throw new ArgumentOutOfRangeException(nameof(beta1), $"Adam betas ({beta1}, {beta2}) must lie in [0, 1).");
        }

        if (!(eps > 0) || double.IsInfinity(eps))
        {
            throw new ArgumentOutOfRangeException(nameof(eps), $"Adam eps {eps} must be a positive number.");
        }

        Beta1 = beta1;
        Beta2 = beta2;
        Eps = eps;
    }

    public double Beta1 { get; }

    public double Beta2 { get; }

    public double Eps { get; }

    protected sealed override IReadOnlyList<string> StateSlots => Slots;

    /// <summary>Applies the moment update with gradient <paramref name="grad"/> (weight decay already handled).</summary>
    protected void AdamUpdate(Tensor parameter, Tensor grad)
    {
        var state = GetOrCreateState(parameter);
        var expAvg = state[0];
        var expAvgSq = state[1];
        expAvg.MulInPlace(Beta1).AddInPlace(grad, 1 - Beta1);
        expAvgSq.MulInPlace(Beta2).AddcmulInPlace(grad, grad, 1 - Beta2);

        var biasCorrection1 = 1 - Math.Pow(Beta1, StepCount);
        var biasCorrection2Sqrt = Math.Sqrt(1 - Math.Pow(Beta2, StepCount));
        using var root = expAvgSq.Sqrt();
        using var denom = root.DivInPlace(biasCorrection2Sqrt).AddInPlace(Eps);
        parameter.AddcdivInPlace(expAvg, denom, -LearningRate / biasCorrection1);
    }
}
