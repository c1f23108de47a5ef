using Harness.Train.Torch;

namespace Harness.Train.Regularization;

/// <summary>
/// L2 penalty defined as (λ/2)·Σw², so that its gradient is λ·w: the same pull as SGD's weight_decay = λ
/// (and as <see cref="Optim.Adam"/>'s L2-in-the-gradient).
/// </summary>
public sealed class L2Penalty : IParameterPenalty
{
    public L2Penalty(double lambda) => Lambda = PenaltySums.CheckStrength(lambda, nameof(lambda));

    public double Lambda { get; }

    public Tensor Compute(IReadOnlyList<Tensor> parameters)
    {
        using var sum = PenaltySums.SumSquares(parameters);
        return sum * (Lambda / 2);
    }
}
