using Harness.Train.Torch;

namespace Harness.Train.Modules;

/// <summary>
/// Root-mean-square normalization (Zhang &amp; Sennrich 2019; PyTorch ≥ 2.4's nn.RMSNorm):
/// y = x / √(mean(x², over the trailing <see cref="NormalizedShape"/> dims) + eps) · weight. No centring and no
/// bias. The same in training and evaluation. State name: weight (only with the elementwise affine).
/// Composed from elementwise ops and a mean, so autograd differentiates it like any other expression.
/// </summary>
public sealed class RMSNorm : Module
{
    /// <summary>Normalizes the trailing dimensions <paramref name="normalizedShape"/> (each ≥ 1).</summary>
    /// <param name="normalizedShape">The trailing dimensions to normalize over.</param>
    /// <param name="eps">Added to the mean square; null means float32's machine epsilon (2^-23), as PyTorch's
    /// default eps=None does for float32 inputs.</param>
    /// <param name="elementwiseAffine">Whether to learn a per-element scale (initialized to 1).</param>
    public RMSNorm(long[] normalizedShape, double? eps = null, bool elementwiseAffine = true)
    {
        Eps = eps ?? Float32Epsilon;
        NormalizedShape = NormShape.Validate(nameof(RMSNorm), normalizedShape, Eps);
        if (elementwiseAffine)
        {
            Weight = RegisterParameter("weight", Tensor.Ones(NormalizedShape));
        }
    }

    /// <summary>Normalizes the last dimension, of size <paramref name="features"/>.</summary>
    public RMSNorm(long features, double? eps = null, bool elementwiseAffine = true)
        : this([features], eps, elementwiseAffine)
    {
    }

    /// <summary>torch.finfo(torch.float32).eps = 2^-23.</summary>
    public const double Float32Epsilon = 1.1920928955078125e-07;

    public long[] NormalizedShape { get; }

    public double Eps { get; }

    /// <summary>Elementwise scale of shape <see cref="NormalizedShape"/>, or null without affine.</summary>
    public Tensor? Weight { get; }

    public override Tensor Forward(Tensor input)
    {
        NormShape.CheckTrailing(nameof(RMSNorm), input, NormalizedShape);
        var rank = input.Dim;
        var dims = Enumerable.Range(rank - NormalizedShape.Length, NormalizedShape.Length).Select(d => (long)d).ToArray();
        using var square = input.Square();
        using var meanSquare = square.Mean(dims, keepDim: true);
        using var shifted = meanSquare + Eps;
        using var inverseRms = shifted.Rsqrt();
        if (Weight is null)
        {
            return input * inverseRms;
        }

        using var normalized = input * inverseRms;
        return normalized * Weight;
    }
}
