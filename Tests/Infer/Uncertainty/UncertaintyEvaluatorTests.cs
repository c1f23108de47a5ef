using Harness.Core.Metrics;
using System.Text.Json;
using Harness.Core;
using Harness.Infer.Ort;
using Harness.Infer.Uncertainty;
using Harness.Tests.Export;
using Harness.Train.Data;
using Microsoft.Extensions.Configuration;
using NUnit.Framework;

namespace Harness.Tests.Infer.Uncertainty;

/// <summary>The evaluator end to end on tiny graphs and synthetic 1×4×4 images, the writers, and the command entry.</summary>
[TestFixture]
public class UncertaintyEvaluatorTests
{
    /// <summary>
    /// Deterministic vs MC-with-p = 0 metrics: the same float32 logits up to GEMM blocking differences between batch
    /// sizes N and N·T (a few ulps of logits of magnitude ≤ ~5), which move probabilities and averaged metrics by
    /// ≤ ~1e−6.
    /// </summary>
    private const double SameLogitsTolerance = 1e-5;

    private static readonly Normalization Norm = new([0.5f], [0.25f]);

    private TempFolder _folder = null!;

    [SetUp]
    public void Create() => _folder = new TempFolder();

    [TearDown]
    public void Delete() => _folder.Dispose();

    [Test]
    public void McWithoutDropoutReproducesTheDeterministicModel()
    {
        var data = ImageShiftTests.Images(90, 1, 4, 4, seed: 5);
        var det = McTestGraphs.Write(_folder.File("model.onnx"), McTestGraphs.Mlp(16, 32, 3, mc: false));
        var mc = McTestGraphs.Write(_folder.File("model.mc.onnx"), McTestGraphs.Mlp(16, 32, 3, mc: true, dropout: 0f));
        var report = UncertaintyEvaluator.Evaluate(det, mc, data, Norm, Options("invert"));

        // Independent path for the deterministic accuracy: one allocating RunOnce over the whole set.
        using var session = OrtSession.Open(det);
        var logits = session.RunOnce(ModelInputs.Normalize(data, Norm), [data.Count, 16]);
        var expectedAccuracy = Enumerable.Range(0, data.Count)
            .Count(i => Harness.Core.Metrics.ProbabilityRows.ArgMax<float>(logits.AsSpan(i * 3, 3)) == data.Labels[i]) / (double)data.Count;

        var (d, m) = (report.Deterministic, report.Mc);
        Assert.Multiple(() =>
        {
            Assert.That(d.Accuracy, Is.EqualTo(expectedAccuracy));
            Assert.That(d.Nll, Is.EqualTo(NegativeLogLikelihood.FromLogits<float>(logits, 3, ModelInputs.Labels(data))).Within(SameLogitsTolerance));
            Assert.That(m.Accuracy, Is.EqualTo(d.Accuracy));
            foreach (var (name, a, b) in new[]
                     {
                         ("nll", d.Nll, m.Nll), ("brier", d.Brier, m.Brier), ("ece", d.Ece, m.Ece),
                         ("adaptive ece", d.AdaptiveEce, m.AdaptiveEce), ("aurc", d.Aurc, m.Aurc),
                         ("entropy", d.MeanPredictiveEntropy, m.MeanPredictiveEntropy),
                     })
            {
                Assert.That(b, Is.EqualTo(a).Within(SameLogitsTolerance), name);
            }

            Assert.That(m.MeanMutualInformation, Is.EqualTo(0).Within(SameLogitsTolerance));
            Assert.That(m.MeanVariationRatio, Is.Zero);
            var ood = report.Shifts[0].Ood;
            Assert.That(ood.Single(o => o.Model == "mc" && o.Score == OodScore.PredictiveEntropy).Auroc,
                Is.EqualTo(ood.Single(o => o.Model == "deterministic" && o.Score == OodScore.PredictiveEntropy).Auroc).Within(0.02));
        });
    }

    [Test]
    public void ReportHoldsEverySectionAndBothWritersRenderIt()
    {
        var data = ImageShiftTests.Images(60, 1, 4, 4, seed: 6);
        var det = McTestGraphs.Write(_folder.File("model.onnx"), McTestGraphs.Mlp(16, 32, 3, mc: false));
        var mc = McTestGraphs.Write(_folder.File("model.mc.onnx"), McTestGraphs.Mlp(16, 32, 3, mc: true, dropout: 0.5f));
        var options = Options("invert", "noise:0.5");
        options.TimingSamples = 3;
        options.MaxRowsPerCall = 64; // 60 × 10 rows: several tiled calls
        var report = UncertaintyEvaluator.Evaluate(det, mc, data, Norm, options);

        Assert.Multiple(() =>
        {
            Assert.That(report.Samples, Is.EqualTo(60));
            Assert.That(report.Deterministic.Reliability.Sum(b => b.Count), Is.EqualTo(60));
            Assert.That(report.Mc.Reliability, Has.Count.EqualTo(15));
            Assert.That(report.Mc.SelectiveAccuracy[^1].Accuracy, Is.EqualTo(report.Mc.Accuracy).Within(1e-12));
            Assert.That(report.Mc.MeanMutualInformation, Is.GreaterThan(0), "dropout at p = 0.5 disagrees between passes");
            Assert.That(report.Mc.MeanVariationRatio, Is.GreaterThan(0));
            Assert.That(report.Shifts.Select(s => s.Shift), Is.EqualTo(new[] { "invert", "noise:0.5" }));
            foreach (var shift in report.Shifts)
            {
                Assert.That(shift.Ood, Has.Count.EqualTo(5));
                Assert.That(shift.Ood.Select(o => o.Auroc), Is.All.InRange(0.0, 1.0));
                Assert.That(shift.MutualInformation.InCounts.Sum(), Is.EqualTo(60));
                Assert.That(shift.MutualInformation.OutCounts.Sum(), Is.EqualTo(60));
                Assert.That(shift.PredictiveEntropy.Edges, Has.Length.EqualTo(11));
            }

            Assert.That(report.Timing, Is.Not.Null);
            Assert.That(new[] { report.Timing!.DeterministicMs, report.Timing.McTiledMs, report.Timing.McLoopMs }, Is.All.GreaterThan(0));
        });

        using var json = JsonDocument.Parse(UncertaintyReportWriter.ToJson(report));
        var root = json.RootElement;
        Assert.That(root.GetProperty("mc").GetProperty("ece").GetDouble(), Is.EqualTo(report.Mc.Ece));
        Assert.That(root.GetProperty("shifts")[0].GetProperty("ood")[4].GetProperty("score").GetString(), Is.EqualTo("mutual_information"));
        Assert.That(root.GetProperty("timing").GetProperty("tiled_speedup_over_loop").GetDouble(), Is.GreaterThan(0));

        var markdown = UncertaintyReportWriter.ToMarkdown(report);
        Assert.That(markdown, Does.Contain("| ECE (15 bins) |").And.Contain("| `noise:0.5` | mc | mutual information |")
            .And.Contain("## Timing").And.Contain("faster than 10 separate calls"));
    }

    [Test]
    public void SubsetIsSeededSortedAndDistinct()
    {
        var data = ImageShiftTests.Images(50, 1, 2, 2, seed: 7);
        var a = UncertaintyEvaluator.Subset(data, 20, seed: 1);
        Assert.Multiple(() =>
        {
            Assert.That(a.Count, Is.EqualTo(20));
            Assert.That(UncertaintyEvaluator.Subset(data, 20, seed: 1).Pixels, Is.EqualTo(a.Pixels));
            Assert.That(UncertaintyEvaluator.Subset(data, 20, seed: 2).Pixels, Is.Not.EqualTo(a.Pixels));
            Assert.That(UncertaintyEvaluator.Subset(data, 0, seed: 1), Is.SameAs(data));
        });
    }

    [Test]
    public void RejectsModelsThatDoNotFitTheData()
    {
        var data = ImageShiftTests.Images(10, 1, 4, 4, seed: 8);
        var det = McTestGraphs.Write(_folder.File("model.onnx"), McTestGraphs.Mlp(9, 8, 3, mc: false));
        var error = Assert.Throws<UsageException>(() => UncertaintyEvaluator.Evaluate(det, det, data, Norm, Options()))!;
        Assert.That(error.Message, Does.Contain("reads 9 values"));
        Assert.Throws<UsageException>(() => UncertaintyEvaluator.Evaluate(_folder.File("missing.onnx"), det, data, Norm, Options()));
    }

    [Test]
    public void CommandWritesBothReportsWithTheModelsNormalization()
    {
        Assume.That(Directory.Exists(FashionMnist.DefaultDirectory), "Debian's dataset-fashion-mnist is not installed");
        var det = McTestGraphs.Write(_folder.File("model.onnx"), McTestGraphs.Mlp(784, 16, 10, mc: false, mean: [0.29f], std: [0.35f]));
        var mc = McTestGraphs.Write(_folder.File("model.mc.onnx"), McTestGraphs.Mlp(784, 16, 10, mc: true, mean: [0.29f], std: [0.35f]));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Uncertainty:Samples"] = "40",
            ["Uncertainty:Passes"] = "4",
            ["Uncertainty:TimingSamples"] = "2",
            ["Uncertainty:Shifts:0"] = "rotate:60:90",
        }).Build();

        var code = UncertaintyCommand.Run(configuration, [det, mc, "--out", _folder.File("report")]);

        Assert.That(code, Is.EqualTo(ExitCodes.Success));
        using var json = JsonDocument.Parse(File.ReadAllText(_folder.File(Path.Combine("report", UncertaintyCommand.JsonFile))));
        Assert.That(json.RootElement.GetProperty("normalization_source").GetString(), Does.Contain("metadata").And.Contain("0.29"));
        Assert.That(json.RootElement.GetProperty("samples").GetInt32(), Is.EqualTo(40));
        Assert.That(File.ReadAllText(_folder.File(Path.Combine("report", UncertaintyCommand.MarkdownFile))), Does.Contain("`rotate:60:90`"));
        Assert.Throws<UsageException>(() => UncertaintyCommand.Run(configuration, [det]));
    }

    private static UncertaintyOptions Options(params string[] shifts) => new()
    {
        Passes = 10,
        Samples = 0,
        Shifts = shifts,
        TimingSamples = 0,
        HistogramBins = 10,
    };
}
