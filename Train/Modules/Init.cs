using Harness.Train.Torch;

namespace Harness.Train.Modules;

/// <summary>Parameter initializers (PyTorch's defaults for Linear and Conv2d).</summary>
public static class Init
{
    /// <summary>Uniform in [−bound, bound) from libtorch's seeded generator.</summary>
    public static Tensor Uniform(long[] shape, double bound)
    {
        using var unit = Tensor.Rand(shape);
        using var scaled = unit * (2 * bound);
        return (scaled - bound).DetachFromScope();
    }

    /// <summary>
    /// PyTorch's default for Linear/Conv weights: kaiming_uniform with a = √5, which is uniform in
    /// ±1/√fan_in; biases use the same bound.
    /// </summary>
    public static double DefaultBound(long fanIn) => 1.0 / Math.Sqrt(fanIn);
}
