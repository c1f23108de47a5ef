using Harness.Train.Mixing;
using NUnit.Framework;

namespace Harness.Tests.Train;

/// <summary>Sample moments of the Beta sampler against Beta(a, b)'s closed forms.</summary>
[TestFixture]
public sealed class BetaSamplerTests
{
    private const int Samples = 40_000;

    [TestCase(0.2, 0.2)]
    [TestCase(1.0, 1.0)]
    [TestCase(2.0, 5.0)]
    public void MeanAndVarianceMatchTheBetaDistribution(double a, double b)
    {
        var sampler = new BetaSampler(new Random(17));
        var values = Enumerable.Range(0, Samples).Select(_ => sampler.Beta(a, b)).ToArray();
        var mean = values.Average();
        var variance = values.Sum(v => (v - mean) * (v - mean)) / (Samples - 1);
        var expectedMean = a / (a + b);
        var expectedVariance = a * b / ((a + b) * (a + b) * (a + b + 1));

        Assert.That(values, Has.All.InRange(0.0, 1.0));
        // 5 standard errors of the mean; the variance estimate's spread is below 3% here, 6% is a safe bound.
        Assert.That(mean, Is.EqualTo(expectedMean).Within(5 * Math.Sqrt(expectedVariance / Samples)));
        Assert.That(variance, Is.EqualTo(expectedVariance).Within(0.06 * expectedVariance));
    }

    [TestCase(0.5)]
    [TestCase(3.0)]
    public void GammaHasMeanAndVarianceEqualToItsShape(double shape)
    {
        var sampler = new BetaSampler(new Random(19));
        var values = Enumerable.Range(0, Samples).Select(_ => sampler.Gamma(shape)).ToArray();
        var mean = values.Average();
        var variance = values.Sum(v => (v - mean) * (v - mean)) / (Samples - 1);
        Assert.That(mean, Is.EqualTo(shape).Within(5 * Math.Sqrt(shape / Samples)));
        Assert.That(variance, Is.EqualTo(shape).Within(0.08 * shape));
    }
}
