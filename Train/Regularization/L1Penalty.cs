using Harness.Train.Torch;

namespace Harness.Train.Regularization;

/// <summary>L1 penalty λ·Σ|w|; its gradient is λ·sign(w) (0 at w = 0, as libtorch's abs backward).</summary>
public sealed class L1Penalty : IParameterPenalty
{
    public L1Penalty(double lambda) => Lambda = PenaltySums.CheckStrength(lambda, nameof(lambda));

    public double Lambda { get; }

    public Tensor Compute(IReadOnlyList<Tensor> parameters)
    {
        using var sum = PenaltySums.SumAbs(parameters);
        return sum * Lambda;
    }
}
