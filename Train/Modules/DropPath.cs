using Harness.Train.Torch;

namespace Harness.Train.Modules;

/// <summary>
/// Stochastic depth / DropPath (Huang et al. 2016; timm's drop_path): in training each sample's whole input is
/// zeroed with probability <see cref="P"/> and kept samples are scaled by 1/(1 − p), through one mask of shape
/// [N, 1, 1, …]. Put on a residual branch it drops the branch per sample, leaving the shortcut. In evaluation,
/// and when p = 0, it is the identity (the result is a view of the input). No state.
/// </summary>
public sealed class DropPath : Module
{
    /// <summary>Drops samples with probability <paramref name="p"/> in [0, 1).</summary>
    public DropPath(double p)
    {
        if (double.IsNaN(p) || p is < 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(p), $"DropPath probability {p} is outside [0, 1).");
        }

        P = p;
    }

    /// <summary>Probability that a sample's path is dropped in training.</summary>
    public double P { get; }

    public override Tensor Forward(Tensor input)
    {
        var shape = input.Shape;
        if (!IsTraining || P == 0)
        {
            return input.Reshape(shape);
        }

        var maskShape = new long[shape.Length];
        Array.Fill(maskShape, 1L);
        maskShape[0] = shape[0];
        return Masks.Apply(input, maskShape, P);
    }
}
