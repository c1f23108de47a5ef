using Harness.Train.Torch;

namespace Harness.Train.Modules;

/// <summary>
/// Channel dropout (PyTorch's nn.Dropout2d, Tompson et al. 2015): in training each channel of each sample of
/// [N, C, H, W] is zeroed as a whole with probability <see cref="P"/> and kept channels are scaled by 1/(1 − p),
/// so the expected value is unchanged; in evaluation it is the identity. No state.
/// </summary>
public sealed class Dropout2d : Module
{
    /// <summary>Drops channels with probability <paramref name="p"/> in [0, 1).</summary>
    public Dropout2d(double p = 0.5)
    {
        if (double.IsNaN(p) || p is < 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(p), $"Dropout2d probability {p} is outside [0, 1).");
        }

        P = p;
    }

    public double P { get; }

    public override Tensor Forward(Tensor input) => Functional.FeatureDropout(input, P, IsTraining);
}
