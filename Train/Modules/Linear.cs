using Harness.Train.Torch;

namespace Harness.Train.Modules;

/// <summary>Fully connected layer y = x · Wᵀ + b, with W of shape [out, in] (PyTorch layout).</summary>
public sealed class Linear : Module
{
    public Linear(long inFeatures, long outFeatures, bool bias = true)
    {
        if (inFeatures < 1 || outFeatures < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(inFeatures), $"Linear({inFeatures}, {outFeatures}): sizes must be >= 1.");
        }

        InFeatures = inFeatures;
        OutFeatures = outFeatures;
        var bound = Init.DefaultBound(inFeatures);
        Weight = RegisterParameter("weight", Init.Uniform([outFeatures, inFeatures], bound));
        Bias = bias ? RegisterParameter("bias", Init.Uniform([outFeatures], bound)) : null;
    }

    public long InFeatures { get; }

    public long OutFeatures { get; }

    public Tensor Weight { get; }

    public Tensor? Bias { get; }

    public override Tensor Forward(Tensor input) => Functional.Linear(input, Weight, Bias);
}
