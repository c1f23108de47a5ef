using Harness.Train.Torch;

namespace Harness.Train.Modules;

/// <summary>
/// DropConnect (Wan et al. 2013) on a fully connected layer, inverted: in training every weight is zeroed
/// independently with probability <see cref="P"/> and the kept ones are scaled by 1/(1 − p), with one mask per
/// forward pass shared by the batch; the bias is never dropped. In evaluation it is exactly
/// <see cref="Linear"/> (y = x · Wᵀ + b). Layout, initialization and state names (weight, bias) are Linear's,
/// so a checkpoint loads into either.
/// </summary>
public sealed class DropConnectLinear : Module
{
    /// <summary>A Linear(<paramref name="inFeatures"/>, <paramref name="outFeatures"/>) whose weights drop with probability <paramref name="p"/> in [0, 1).</summary>
    public DropConnectLinear(long inFeatures, long outFeatures, double p, bool bias = true)
    {
        if (inFeatures < 1 || outFeatures < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(inFeatures),
                $"DropConnectLinear({inFeatures}, {outFeatures}): sizes must be >= 1.");
        }

        if (double.IsNaN(p) || p is < 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(p), $"DropConnect probability {p} is outside [0, 1).");
        }

        InFeatures = inFeatures;
        OutFeatures = outFeatures;
        P = p;
        var bound = Init.DefaultBound(inFeatures);
        Weight = RegisterParameter("weight", Init.Uniform([outFeatures, inFeatures], bound));
        Bias = bias ? RegisterParameter("bias", Init.Uniform([outFeatures], bound)) : null;
    }

    public long InFeatures { get; }

    public long OutFeatures { get; }

    /// <summary>Probability that a weight is dropped in training.</summary>
    public double P { get; }

    /// <summary>Shape [out, in].</summary>
    public Tensor Weight { get; }

    /// <summary>Shape [out], or null.</summary>
    public Tensor? Bias { get; }

    public override Tensor Forward(Tensor input)
    {
        if (!IsTraining || P == 0)
        {
            return Functional.Linear(input, Weight, Bias);
        }

        using var masked = Masks.Apply(Weight, Weight.Shape, P);
        return Functional.Linear(input, masked, Bias);
    }
}
