using Harness.Train.Torch;

namespace Harness.Train.Optim;

/// <summary>
/// Adam with decoupled weight decay (Loshchilov &amp; Hutter), step for step as PyTorch 1.13's
/// <c>torch.optim.AdamW</c>: θ ← θ·(1 − lr·λ); m ← β₁m + (1 − β₁)g; v ← β₂v + (1 − β₂)g²;
/// θ ← θ − (lr / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε).
/// </summary>
public sealed class AdamW : Optimizer
{
    private readonly Dictionary<Tensor, (Tensor ExpAvg, Tensor ExpAvgSq)> _state = new(ReferenceEqualityComparer.Instance);

    public AdamW(IReadOnlyList<ParameterGroup> groups, double learningRate = 1e-3, double beta1 = 0.9,
        double beta2 = 0.999, double eps = 1e-8)
        : base(groups, learningRate)
    {
        if (beta1 is < 0 or >= 1 || beta2 is < 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(beta1), $"Adam betas ({beta1}, {beta2}) must lie in [0, 1).");
        }

        if (!(eps > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(eps), $"Adam eps {eps} must be positive.");
        }

        Beta1 = beta1;
        Beta2 = beta2;
        Eps = eps;
    }

    public double Beta1 { get; }

    public double Beta2 { get; }

    public double Eps { get; }

    protected override void Update(Tensor parameter, Tensor grad, ParameterGroup group)
    {
        if (!_state.TryGetValue(parameter, out var state))
        {
            state = (Tensor.Zeros(parameter.Shape, device: parameter.Device).DetachFromScope(),
                Tensor.Zeros(parameter.Shape, device: parameter.Device).DetachFromScope());
            _state[parameter] = state;
        }

        var lr = LearningRate;
        parameter.MulInPlace(1 - lr * group.WeightDecay);
        state.ExpAvg.MulInPlace(Beta1).AddInPlace(grad, 1 - Beta1);
        state.ExpAvgSq.MulInPlace(Beta2).AddcmulInPlace(grad, grad, 1 - Beta2);

        var biasCorrection1 = 1 - Math.Pow(Beta1, StepCount);
        var biasCorrection2Sqrt = Math.Sqrt(1 - Math.Pow(Beta2, StepCount));
        using var root = state.ExpAvgSq.Sqrt();
        using var denom = root.DivInPlace(biasCorrection2Sqrt).AddInPlace(Eps);
        parameter.AddcdivInPlace(state.ExpAvg, denom, -lr / biasCorrection1);
    }

    public override void Dispose()
    {
        foreach (var (m, v) in _state.Values)
        {
            m.Dispose();
            v.Dispose();
        }

        _state.Clear();
        base.Dispose();
    }
}
