using Harness.Train.Regularization;
using Harness.Train.Torch;
using NUnit.Framework;

namespace Harness.Tests.Train;

/// <summary>Gradient and weight noise: the sample statistics of the added noise match the schedule.</summary>
[TestFixture]
public sealed class NoiseTests
{
    private const int Count = 200_000;

    /// <summary>
    /// Relative standard error of a sample variance of n normals is √(2/n) ≈ 0.32% for n = 200 000; 2% is over 6
    /// standard errors, so the test is stable yet fails for a wrong σ (the steps checked differ by far more).
    /// </summary>
    private const double VarianceRelativeTolerance = 0.02;

    [TestCase(0L)]
    [TestCase(99L)]
    public void GradientNoiseVarianceFollowsEtaOverOnePlusTToTheGamma(long step)
    {
        const double eta = 0.3, gamma = 0.55;
        var noise = new GradientNoise(eta, gamma);
        var expected = eta / Math.Pow(1 + step, gamma);
        Assert.That(noise.Variance(step), Is.EqualTo(expected).Within(1e-15));

        Torch.ManualSeed(5);
        using var scope = TensorScope.Begin();
        var p = Tensor.Zeros([Count]);
        p.RequiresGrad = true;
        (p * 2.0).Sum().Backward(); // gradient 2 everywhere
        var std = noise.Apply([p], step);

        var (mean, variance) = Moments(p.Grad()!.ToFloatArray());
        Assert.That(std, Is.EqualTo(Math.Sqrt(expected)).Within(1e-12));
        Assert.That(mean, Is.EqualTo(2.0).Within(5 * std / Math.Sqrt(Count)), "noise is zero-mean");
        Assert.That(variance, Is.EqualTo(expected).Within(VarianceRelativeTolerance * expected));
    }

    [Test]
    public void WeightNoisePerturbsForwardAndBackwardThenRestoresTheCleanWeights()
    {
        const double sigma = 0.1;
        Torch.ManualSeed(6);
        using var scope = TensorScope.Begin();
        var p = Tensor.Ones([Count]);
        p.RequiresGrad = true;
        using (new WeightNoise(sigma).Perturb([p]))
        {
            var (mean, variance) = Moments(p.ToFloatArray());
            Assert.That(mean, Is.EqualTo(1.0).Within(5 * sigma / Math.Sqrt(Count)));
            Assert.That(variance, Is.EqualTo(sigma * sigma).Within(VarianceRelativeTolerance * sigma * sigma));
            (p.Square().Sum() * 0.5).Backward(); // gradient = the (noisy) weights
        }

        Assert.That(p.ToFloatArray().All(v => v == 1f), Is.True, "clean weights restored exactly");
        var (gradMean, gradVariance) = Moments(p.Grad()!.ToFloatArray());
        Assert.That(gradVariance, Is.EqualTo(sigma * sigma).Within(VarianceRelativeTolerance * sigma * sigma),
            "the gradient was taken at the perturbed weights");
        Assert.That(gradMean, Is.EqualTo(1.0).Within(5 * sigma / Math.Sqrt(Count)));
    }

    private static (double Mean, double Variance) Moments(float[] values)
    {
        var mean = values.Average(v => (double)v);
        var variance = values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1);
        return (mean, variance);
    }
}
