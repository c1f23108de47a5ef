using Harness.Train.Torch;

namespace Harness.Train.Regularization;

/// <summary>
/// Elastic net with independent strengths: l1·Σ|w| + (l2/2)·Σw², gradient l1·sign(w) + l2·w (the sum of
/// <see cref="L1Penalty"/> and <see cref="L2Penalty"/>). <see cref="FromRatio"/> gives the glmnet/scikit-learn
/// parameterization λ·(ρ·Σ|w| + (1 − ρ)/2·Σw²).
/// </summary>
public sealed class ElasticNetPenalty : IParameterPenalty
{
    public ElasticNetPenalty(double l1, double l2)
    {
        L1 = PenaltySums.CheckStrength(l1, nameof(l1));
        L2 = PenaltySums.CheckStrength(l2, nameof(l2));
    }

    public double L1 { get; }

    public double L2 { get; }

    /// <summary>λ·(ρ·Σ|w| + (1 − ρ)/2·Σw²) with mixing ratio ρ in [0, 1].</summary>
    public static ElasticNetPenalty FromRatio(double lambda, double l1Ratio)
    {
        PenaltySums.CheckStrength(lambda, nameof(lambda));
        if (l1Ratio is < 0 or > 1 || double.IsNaN(l1Ratio))
        {
            throw new ArgumentOutOfRangeException(nameof(l1Ratio), $"Elastic-net l1Ratio = {l1Ratio}: must be between 0 and 1.");
        }

        return new ElasticNetPenalty(lambda * l1Ratio, lambda * (1 - l1Ratio));
    }

    public Tensor Compute(IReadOnlyList<Tensor> parameters)
    {
        using var abs = PenaltySums.SumAbs(parameters);
        using var squares = PenaltySums.SumSquares(parameters);
        using var l1 = abs * L1;
        using var l2 = squares * (L2 / 2);
        return l1 + l2;
    }
}
