using Harness.Train.Torch;

namespace Harness.Train.Regularization;

/// <summary>
/// Max-norm constraint (Srivastava et al. 2014) per output unit: after each optimizer step, every slice along
/// dimension 0 (a row of a Linear weight [out, in], an output-channel filter of a Conv weight [out, in, kH, kW])
/// whose Euclidean norm exceeds c is scaled to norm exactly c; slices within the bound are left untouched.
/// </summary>
public sealed class MaxNormConstraint
{
    public MaxNormConstraint(double maxNorm)
    {
        if (!(maxNorm > 0) || double.IsInfinity(maxNorm))
        {
            throw new ArgumentOutOfRangeException(nameof(maxNorm), $"Max-norm c = {maxNorm}: must be a positive number.");
        }

        MaxNorm = maxNorm;
    }

    public double MaxNorm { get; }

    /// <summary>Renorms every weight in place (under no-grad). Each must have at least 2 dimensions.</summary>
    public void Apply(IEnumerable<Tensor> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        using var noGrad = Torch.Torch.NoGrad();
        foreach (var weight in weights)
        {
            var shape = weight.Shape;
            if (shape.Length < 2)
            {
                throw new ArgumentException(
                    $"Max-norm applies to weights with an output dimension; got shape [{string.Join(", ", shape)}].",
                    nameof(weights));
            }

            using var rows = weight.Reshape(shape[0], -1);
            using var norms = rows.Norm(1);
            // c / max(‖row‖, c): 1 within the bound, c / ‖row‖ above it.
            using var clamped = norms.Clamp(MaxNorm, double.PositiveInfinity);
            using var inverse = clamped.Pow(-1);
            using var factor = inverse * MaxNorm;
            var factorShape = new long[shape.Length];
            Array.Fill(factorShape, 1);
            factorShape[0] = shape[0];
            using var broadcast = factor.Reshape(factorShape);
            weight.MulInPlace(broadcast);
        }
    }
}
