using Harness.Infer.Uncertainty;
using NUnit.Framework;

namespace Harness.Tests.Infer.Uncertainty;

/// <summary>Per-sample MC-dropout statistics against the numpy goldens, and their limiting cases.</summary>
[TestFixture]
public class McDropoutStatisticsTests
{
    private const double Tol = UncertaintyGolden.DoubleRoundoff;

    [Test]
    public void MatchesGolden()
    {
        var g = UncertaintyGolden.Mc;
        var (n, t, k) = (g.GetProperty("samples").GetInt32(), g.GetProperty("passes").GetInt32(), g.GetProperty("classes").GetInt32());
        var logits = g.GetProperty("logits").EnumerateArray().Select(e => (float)e.GetDouble()).ToArray();
        var stats = McDropoutStatistics.Compute<float>(logits, n, t, k, g.GetProperty("labels").Ints());
        Assert.Multiple(() =>
        {
            Assert.That(stats.MeanProbabilities, Is.EqualTo(g.GetProperty("mean_probs").Doubles()).Within(Tol), "mean probabilities");
            Assert.That(stats.PredictiveEntropy, Is.EqualTo(g.GetProperty("predictive_entropy").Doubles()).Within(Tol), "H[E p]");
            Assert.That(stats.ExpectedEntropy, Is.EqualTo(g.GetProperty("expected_entropy").Doubles()).Within(Tol), "E[H p]");
            Assert.That(stats.MutualInformation, Is.EqualTo(g.GetProperty("mutual_information").Doubles()).Within(Tol), "MI");
            Assert.That(stats.Variance, Is.EqualTo(g.GetProperty("variance").Doubles()).Within(Tol), "variance");
            Assert.That(stats.VariationRatio, Is.EqualTo(g.GetProperty("variation_ratio").Doubles()).Within(Tol), "variation ratio");
            Assert.That(stats.Nll, Is.EqualTo(g.GetProperty("nll").Doubles()).Within(Tol), "MC NLL (logsumexp vs direct)");
            Assert.That(stats.Predictions, Is.EqualTo(g.GetProperty("prediction").Ints()), "predictions");
        });
    }

    [Test]
    public void OnePassHasNoEpistemicUncertainty()
    {
        float[] logits = [2f, -1f, 0.5f, -3f, 4f, 1f];
        var stats = McDropoutStatistics.Compute<float>(logits, 2, 1, 3, [0, 2]);
        Assert.Multiple(() =>
        {
            Assert.That(stats.MutualInformation, Is.All.EqualTo(0.0));
            Assert.That(stats.Variance, Is.All.EqualTo(0.0));
            Assert.That(stats.VariationRatio, Is.All.EqualTo(0.0));
            Assert.That(stats.MeanNll, Is.EqualTo(NegativeLogLikelihood.FromLogits<float>(logits, 3, [0, 2])).Within(Tol));
        });
    }

    [Test]
    public void ExtremeLogitsStayFinite()
    {
        // Two passes that are each certain of a different class: p(y) is e^-2000 in one pass and 1 in the other, so
        // the MC NLL is ln 2 (mean probability ½) and the mutual information is ln 2 as well.
        float[] logits = [1000f, -1000f, -1000f, 1000f];
        var stats = McDropoutStatistics.Compute<float>(logits, 1, 2, 2, [0]);
        Assert.Multiple(() =>
        {
            Assert.That(stats.Nll[0], Is.EqualTo(Math.Log(2)).Within(Tol));
            Assert.That(stats.MutualInformation[0], Is.EqualTo(Math.Log(2)).Within(Tol));
            Assert.That(stats.VariationRatio[0], Is.EqualTo(0.5));
        });
    }

    [Test]
    public void RejectsWrongSizes()
    {
        Assert.Multiple(() =>
        {
            Assert.Throws<ArgumentException>(() => McDropoutStatistics.Compute<float>(new float[11], 2, 2, 3));
            Assert.Throws<ArgumentException>(() => McDropoutStatistics.Compute<float>(new float[12], 2, 2, 3, [0]));
            Assert.Throws<ArgumentException>(() => McDropoutStatistics.Compute<float>(new float[12], 2, 2, 3, [0, 3]));
        });
    }
}
