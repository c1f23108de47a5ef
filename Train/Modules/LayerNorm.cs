using Harness.Train.Torch;

namespace Harness.Train.Modules;

/// <summary>
/// Layer normalization over the last dimensions (PyTorch's nn.LayerNorm): each sample is normalized with the mean
/// and biased variance of its trailing <see cref="NormalizedShape"/> values, then scaled and shifted elementwise.
/// The same in training and evaluation. State names: weight, bias (only with the elementwise affine).
/// </summary>
public sealed class LayerNorm : Module
{
    /// <summary>Normalizes the trailing dimensions <paramref name="normalizedShape"/> (each ≥ 1).</summary>
    public LayerNorm(long[] normalizedShape, double eps = 1e-5, bool elementwiseAffine = true)
    {
        NormalizedShape = NormShape.Validate(nameof(LayerNorm), normalizedShape, eps);
        Eps = eps;
        if (elementwiseAffine)
        {
            Weight = RegisterParameter("weight", Tensor.Ones(NormalizedShape));
            Bias = RegisterParameter("bias", Tensor.Zeros(NormalizedShape));
        }
    }

    /// <summary>Normalizes the last dimension, of size <paramref name="features"/>.</summary>
    public LayerNorm(long features, double eps = 1e-5, bool elementwiseAffine = true)
        : this([features], eps, elementwiseAffine)
    {
    }

    public long[] NormalizedShape { get; }

    public double Eps { get; }

    /// <summary>Elementwise scale of shape <see cref="NormalizedShape"/>, or null without affine.</summary>
    public Tensor? Weight { get; }

    /// <summary>Elementwise shift of shape <see cref="NormalizedShape"/>, or null without affine.</summary>
    public Tensor? Bias { get; }

    public override Tensor Forward(Tensor input)
    {
        NormShape.CheckTrailing(nameof(LayerNorm), input, NormalizedShape);
        return Functional.LayerNorm(input, NormalizedShape, Weight, Bias, Eps);
    }
}
