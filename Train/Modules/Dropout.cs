using Harness.Train.Torch;

namespace Harness.Train.Modules;

/// <summary>
/// Inverted dropout: in training each element is zeroed with probability <see cref="P"/> and kept ones are
/// scaled by 1/(1 − p), so the expected value is unchanged; in evaluation it is the identity.
/// </summary>
public sealed class Dropout : Module
{
    public Dropout(double p = 0.5)
    {
        if (p is < 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(p), $"Dropout probability {p} is outside [0, 1).");
        }

        P = p;
    }

    public double P { get; }

    public override Tensor Forward(Tensor input) => Functional.Dropout(input, P, IsTraining);
}
