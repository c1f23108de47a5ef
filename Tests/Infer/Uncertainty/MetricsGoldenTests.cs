using Harness.Core.Metrics;
using System.Text.Json;
using Harness.Infer.Uncertainty;
using NUnit.Framework;

namespace Harness.Tests.Infer.Uncertainty;

/// <summary>Accuracy, NLL, Brier, ECE, reliability bins, AURC and OOD metrics against the numpy goldens.</summary>
[TestFixture]
public class MetricsGoldenTests
{
    private const double Tol = UncertaintyGolden.DoubleRoundoff;

    [Test]
    public void ProperScoresMatchGolden()
    {
        var (p, k, y, m) = (UncertaintyGolden.Probabilities, UncertaintyGolden.Classes, UncertaintyGolden.Labels, UncertaintyGolden.Metrics);
        Assert.Multiple(() =>
        {
            Assert.That(Accuracy.Compute<float>(p, k, y), Is.EqualTo(m.Number("accuracy")).Within(Tol));
            Assert.That(NegativeLogLikelihood.FromProbabilities<float>(p, k, y), Is.EqualTo(m.Number("nll")).Within(Tol));
            Assert.That(BrierScore.Compute<float>(p, k, y), Is.EqualTo(m.Number("brier")).Within(Tol));
            Assert.That(NegativeLogLikelihood.FromLogits<float>(UncertaintyGolden.Logits, k, y),
                Is.EqualTo(UncertaintyGolden.Data.Number("nll_from_logits")).Within(Tol));
            Assert.That(Accuracy.Compute<float>(UncertaintyGolden.Logits, k, y), Is.EqualTo(m.Number("accuracy")).Within(Tol),
                "argmax of logits = argmax of their softmax");
        });
    }

    [Test]
    public void CalibrationMatchesGolden()
    {
        var (p, k, y, m) = (UncertaintyGolden.Probabilities, UncertaintyGolden.Classes, UncertaintyGolden.Labels, UncertaintyGolden.Metrics);
        var bins = ReliabilityDiagram.Compute<float>(p, k, y);
        var expected = m.GetProperty("reliability").EnumerateArray().ToArray();
        Assert.That(bins, Has.Length.EqualTo(15));
        Assert.Multiple(() =>
        {
            for (var b = 0; b < 15; b++)
            {
                Assert.That(bins[b].Count, Is.EqualTo(expected[b].GetProperty("count").GetInt32()), $"bin {b} count");
                Assert.That(bins[b].MeanConfidence, Is.EqualTo(expected[b].Number("confidence")).Within(Tol), $"bin {b} confidence");
                Assert.That(bins[b].Accuracy, Is.EqualTo(expected[b].Number("accuracy")).Within(Tol), $"bin {b} accuracy");
                Assert.That(bins[b].Lower, Is.EqualTo(b / 15.0).Within(Tol));
            }

            Assert.That(CalibrationError.Expected<float>(p, k, y), Is.EqualTo(m.Number("ece")).Within(Tol));
            Assert.That(CalibrationError.Expected<float>(p, k, y, binning: CalibrationBinning.EqualMass),
                Is.EqualTo(m.Number("adaptive_ece")).Within(Tol));
        });
    }

    [Test]
    public void SelectiveRiskMatchesGolden()
    {
        var (p, k, y, m) = (UncertaintyGolden.Probabilities, UncertaintyGolden.Classes, UncertaintyGolden.Labels, UncertaintyGolden.Metrics);
        var coverages = m.GetProperty("coverages").Doubles();
        var result = SelectiveRisk.FromProbabilities<float>(p, k, y, coverages);
        var accuracies = m.GetProperty("selective_accuracy").Doubles();
        Assert.Multiple(() =>
        {
            Assert.That(result.Aurc, Is.EqualTo(m.Number("aurc")).Within(Tol));
            Assert.That(result.ExcessAurc, Is.EqualTo(m.Number("eaurc")).Within(Tol), "closed-form oracle vs explicit oracle ordering");
            Assert.That(result.Curve.Select(c => c.Accuracy), Is.EqualTo(accuracies).Within(Tol));
            Assert.That(result.Curve[^1].Accuracy, Is.EqualTo(m.Number("accuracy")).Within(Tol), "full coverage = accuracy");
        });
    }

    [TestCase("ood_scores")]
    [TestCase("ood_msp")]
    [TestCase("ood_entropy")]
    public void OodMetricsMatchGolden(string caseName)
    {
        var (inScores, outScores) = Scores(caseName);
        var expected = UncertaintyGolden.Data.GetProperty(caseName);
        var metrics = OodDetection.Evaluate(inScores, outScores);
        Assert.Multiple(() =>
        {
            Assert.That(metrics.Auroc, Is.EqualTo(expected.Number("auroc")).Within(Tol), "AUROC");
            Assert.That(metrics.AuprOut, Is.EqualTo(expected.Number("aupr_out")).Within(Tol), "AUPR-Out");
            Assert.That(metrics.AuprIn, Is.EqualTo(expected.Number("aupr_in")).Within(Tol), "AUPR-In");
            Assert.That(metrics.FprAt95Tpr, Is.EqualTo(expected.Number("fpr_at_95_tpr")).Within(Tol), "FPR@95TPR");
        });
    }

    [Test]
    public void FloatAndDoubleInputsAgree()
    {
        var (p, k, y) = (UncertaintyGolden.Probabilities, UncertaintyGolden.Classes, UncertaintyGolden.Labels);
        var d = p.Select(v => (double)v).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(CalibrationError.Expected<double>(d, k, y), Is.EqualTo(CalibrationError.Expected<float>(p, k, y)));
            Assert.That(BrierScore.Compute<double>(d, k, y), Is.EqualTo(BrierScore.Compute<float>(p, k, y)));
            Assert.That(SelectiveRisk.FromProbabilities<double>(d, k, y).Aurc, Is.EqualTo(SelectiveRisk.FromProbabilities<float>(p, k, y).Aurc));
        });
    }

    [Test]
    public void PerfectSeparationAndReversedScores()
    {
        double[] inScores = [0.1, 0.2, 0.3];
        double[] outScores = [0.4, 0.5];
        var perfect = OodDetection.Evaluate(inScores, outScores);
        var reversed = OodDetection.Evaluate(outScores, inScores);
        Assert.Multiple(() =>
        {
            Assert.That(perfect, Is.EqualTo(new OodMetrics(1, 1, 1, 0)));
            Assert.That(reversed.Auroc, Is.Zero);
            Assert.That(reversed.FprAt95Tpr, Is.EqualTo(1.0));
            Assert.That(OodDetection.Evaluate([0.5, 0.5], [0.5]).Auroc, Is.EqualTo(0.5), "all tied: chance");
        });
    }

    [Test]
    public void RejectsMismatchedShapesAndLabels()
    {
        Assert.Multiple(() =>
        {
            Assert.Throws<ArgumentException>(() => Accuracy.Compute<float>(new float[7], 3, new int[2]));
            Assert.Throws<ArgumentException>(() => BrierScore.Compute<float>(new float[6], 3, [0, 3]));
            Assert.Throws<ArgumentException>(() => OodDetection.Evaluate([], [1.0]));
            Assert.Throws<ArgumentException>(() => SelectiveRisk.Evaluate([0.5], [true], [1.5]));
        });
    }

    private static (double[] In, double[] Out) Scores(string caseName)
    {
        var k = UncertaintyGolden.Classes;
        if (caseName == "ood_scores")
        {
            return (UncertaintyGolden.Data.GetProperty("in_scores").Doubles(), UncertaintyGolden.Data.GetProperty("out_scores").Doubles());
        }

        var p = UncertaintyGolden.Probabilities;
        var q = UncertaintyGolden.OutProbabilities;
        var (inScores, outScores) = (new double[p.Length / k], new double[q.Length / k]);
        if (caseName == "ood_msp")
        {
            UncertaintyScores.OneMinusMaxProbability<float>(p, k, inScores);
            UncertaintyScores.OneMinusMaxProbability<float>(q, k, outScores);
        }
        else
        {
            UncertaintyScores.Entropy<float>(p, k, inScores);
            UncertaintyScores.Entropy<float>(q, k, outScores);
        }

        return (inScores, outScores);
    }
}
