using Harness.Train.Torch;

namespace Harness.Train.Modules;

/// <summary>Inverted Bernoulli masks for the dropout variants composed from tensor ops.</summary>
internal static class Masks
{
    /// <summary>
    /// x · m / (1 − p) where m ∈ {0, 1} has shape <paramref name="maskShape"/> (broadcast over x), each entry 1
    /// with probability 1 − p, drawn from libtorch's seeded generator.
    /// </summary>
    public static Tensor Apply(Tensor x, long[] maskShape, double p)
    {
        using var uniform = Tensor.Rand(maskShape, x.Device);
        using var keep = uniform.Gt(p);
        using var keepFloat = keep.To(x.DType);
        using var scaled = keepFloat * (1.0 / (1.0 - p));
        return x * scaled;
    }
}
