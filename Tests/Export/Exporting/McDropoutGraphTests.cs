using Harness.Export.Exporting;
using Harness.Export.Onnx;
using Harness.Export.Onnx.Proto;
using Harness.Infer.Ort;
using Harness.Train.Modules;
using Harness.Train.Torch;
using NUnit.Framework;

namespace Harness.Tests.Export.Exporting;

/// <summary>
/// The MC-dropout graph under ONNX Runtime's default optimizations: each kind's mask has the training shape, the
/// trained rate and inverted scaling; the MC mean converges to the eval output where dropout is linear; the
/// normalization uses running statistics; the kinds that sample are selectable; the masks survive every ORT
/// optimization level (the design does not depend on how a runtime treats Dropout nodes).
/// </summary>
/// <remarks>
/// ORT's random generators are not seeded here (the graph has no seed attribute), so the statistical assertions are
/// bounds with a stated false-alarm probability rather than exact values.
/// </remarks>
[TestFixture]
public sealed class McDropoutGraphTests
{
    /// <summary>
    /// Half-width of the acceptance band in Monte-Carlo standard errors. With ≤ 200 compared elements, a correct
    /// graph falls outside ±5σ with probability ≤ 200 · 6e-7 ≈ 1e-4 (normal approximation of a mean over ≥ 400
    /// runs); dropout without its 1/(1 − p) scaling at p = 0.5 moves the mean by half the output, far more than
    /// 5 standard errors.
    /// </summary>
    private const double Sigmas = 5;

    /// <summary>Relative float32 slack for comparing a masked output with eval · {0, 1/(1 − p)}: a few roundings.</summary>
    private const double MaskRatioTolerance = 1e-4;

    [Test]
    public void DropoutMaskIsElementwiseWithTheTrainedRateAndInvertedScaling()
    {
        const double p = 0.4;
        long[] sample = [6];
        using var model = Warmed(new Sequential(new Linear(6, 40), new Dropout(p)), sample);
        var (eval, runs) = EvalAndMcRuns(model, sample, batch: 4, passes: 100);
        var kept = 0L;
        var total = 0L;
        foreach (var run in runs)
        {
            for (var j = 0; j < run.Length; j++)
            {
                var keptHere = Ratio(run[j], eval[j], p);
                kept += keptHere ? 1 : 0;
                total++;
            }
        }

        // Kept fraction: binomial(total, 1 − p); 5σ band (σ = √(p(1 − p)/total)).
        var sigma = Math.Sqrt(p * (1 - p) / total);
        Assert.That((double)kept / total, Is.EqualTo(1 - p).Within(Sigmas * sigma), "kept fraction = 1 − p");
    }

    [Test]
    public void Dropout2dMaskIsOnePerSampleAndChannel()
    {
        const double p = 0.3;
        long[] sample = [2, 4, 4];
        using var model = Warmed(new Sequential(new Conv2d(2, 6, 3, padding: 1), new Dropout2d(p)), sample);
        var (eval, runs) = EvalAndMcRuns(model, sample, batch: 3, passes: 20);
        var dropped = 0;
        foreach (var run in runs)
        {
            for (var plane = 0; plane < 3 * 6; plane++)
            {
                var keptPlane = Enumerable.Range(plane * 16, 16).Select(j => Ratio(run[j], eval[j], p)).Distinct().ToList();
                Assert.That(keptPlane, Has.Count.EqualTo(1), $"plane {plane}: the whole H×W plane is kept or dropped");
                dropped += keptPlane[0] ? 0 : 1;
            }
        }

        Assert.That(dropped, Is.InRange(1, 20 * 18 - 1), "some planes dropped, some kept");
    }

    [Test]
    public void DropPathMaskIsOnePerSample()
    {
        const double p = 0.3;
        long[] sample = [6];
        using var model = Warmed(new Sequential(new Linear(6, 6), new DropPath(p)), sample);
        var (eval, runs) = EvalAndMcRuns(model, sample, batch: 4, passes: 30);
        var dropped = 0;
        foreach (var run in runs)
        {
            for (var n = 0; n < 4; n++)
            {
                var keptSample = Enumerable.Range(n * 6, 6).Select(j => Ratio(run[j], eval[j], p)).Distinct().ToList();
                Assert.That(keptSample, Has.Count.EqualTo(1), $"sample {n}: kept or dropped as a whole");
                dropped += keptSample[0] ? 0 : 1;
            }
        }

        Assert.That(dropped, Is.InRange(1, 30 * 4 - 1), "some samples dropped, some kept");
    }

    [Test]
    public void DropConnectMaskIsOnTheWeightAndSharedByTheBatch()
    {
        long[] sample = [6];
        using var model = Warmed(new Sequential(new DropConnectLinear(6, 5, 0.4)), sample);
        var mc = McDropoutExporter.Export(model, sample, new OnnxModelInfo());
        var one = ExportTestSupport.Inputs(new Random(3), 1, sample);
        var x = Enumerable.Repeat(one, 4).SelectMany(v => v).ToArray(); // the same sample 4 times
        var runs = ExportTestSupport.OrtRuns(mc.Model, x, [4, 6], 6);
        foreach (var run in runs)
        {
            for (var n = 1; n < 4; n++)
            {
                Assert.That(run.AsSpan(n * 5, 5).ToArray(), Is.EqualTo(run.AsSpan(0, 5).ToArray()),
                    "one weight mask per forward pass: identical rows give identical outputs");
            }
        }

        Assert.That(runs.Skip(1).Any(r => !r.SequenceEqual(runs[0])), "a new mask every pass");
        var uniform = mc.Model.Graph.Node.Single(n => n.OpType == "RandomUniformLike");
        Assert.That(mc.Model.Graph.Initializer.Select(i => i.Name), Has.Member(uniform.Input[0]),
            "the mask is shaped like the weight initializer");
    }

    [Test]
    public void McMeanConvergesToTheEvalOutputWhenDropoutIsBeforeTheLastLinear()
    {
        // E[W·(h ∘ m)/(1 − p) + b] = W·h + b exactly (the last layer is linear in the mask), so the MC mean must
        // approach the eval output within its Monte-Carlo error: |mean − eval| ≤ 5·σ̂/√T per element (+ float slack).
        const double p = 0.5;
        const int passes = 400;
        long[] sample = [8];
        using var model = Warmed(new Sequential(new Linear(8, 24), new BatchNorm1d(24), new ReLU(), new Dropout(p), new Linear(24, 3)), sample);
        var (eval, runs) = EvalAndMcRuns(model, sample, batch: 16, passes: passes);
        var (mean, std) = MeanAndStd(runs);
        var worst = 0.0;
        var unscaledWorst = 0.0;
        for (var j = 0; j < eval.Length; j++)
        {
            var bound = Sigmas * std[j] / Math.Sqrt(passes) + 1e-5 * (1 + Math.Abs(eval[j]));
            worst = Math.Max(worst, Math.Abs(mean[j] - eval[j]) / bound);
            // The control: the same statistic on a graph that forgot the 1/(1 − p) scaling (mean of W·(h∘m) + b).
            var bias = ((Linear)((Sequential)model).Layers[^1]).Bias!.ToFloatArray()[j % 3];
            unscaledWorst = Math.Max(unscaledWorst, Math.Abs((mean[j] - bias) * (1 - p) + bias - eval[j]) / bound);
        }

        Assert.That(std.Max(), Is.GreaterThan(0), "the MC graph samples");
        Assert.That(worst, Is.LessThanOrEqualTo(1), "max |MC mean − eval| in units of the allowed bound");
        Assert.That(unscaledWorst, Is.GreaterThan(1), "the bound is tight enough to catch missing inverted scaling");
    }

    [TestCase(false)]
    [TestCase(true)]
    public void McGraphNormalizesWithRunningStatistics(bool fold)
    {
        // Sample 0's MC mean alone must equal its MC mean inside a batch of 16 other inputs within Monte-Carlo
        // error (5 standard errors of the difference per element). Batch statistics would move it by O(1): the
        // batch has a different mean and spread than sample 0 alone, whose variance would even be 0.
        const int passes = 400;
        long[] sample = [8];
        using var model = Warmed(new Sequential(new Linear(8, 16), new BatchNorm1d(16), new ReLU(), new Dropout(0.3),
            new Linear(16, 4), new BatchNorm1d(4)), sample);
        var mc = McDropoutExporter.Export(model, sample, new OnnxModelInfo(), new GraphExportSettings { FoldBatchNorm = fold });
        Assert.That(mc.Model.Graph.Node.Count(n => n.OpType == "BatchNormalization"), fold ? Is.Zero : Is.EqualTo(2));
        var batchInputs = ExportTestSupport.Inputs(new Random(8), 16, sample, mean: 1.5, scale: 3);
        var alone = MeanAndStd(ExportTestSupport.OrtRuns(mc.Model, batchInputs[..8], [1, 8], passes));
        var inBatch = MeanAndStd(ExportTestSupport.OrtRuns(mc.Model, batchInputs, [16, 8], passes));
        var other = MeanAndStd(ExportTestSupport.OrtRuns(mc.Model, batchInputs[8..16], [1, 8], passes));
        double Worst(float[] mean, float[] std, int offset) => Enumerable.Range(0, 4).Max(j =>
            Math.Abs(mean[j] - inBatch.Mean[offset + j]) /
            (Sigmas * Math.Sqrt((std[j] * std[j] + inBatch.Std[offset + j] * inBatch.Std[offset + j]) / passes) + 1e-5));
        Assert.That(Worst(alone.Mean, alone.Std, 0), Is.LessThanOrEqualTo(1), "sample 0: alone vs in the batch");
        Assert.That(Worst(other.Mean, other.Std, 0), Is.GreaterThan(1), "the control: another sample is told apart");
    }

    [Test]
    public void McDropoutKindsSelectWhichLayersSample()
    {
        long[] sample = [6];
        using var model = Warmed(new Sequential(new DropConnectLinear(6, 8, 0.3), new ReLU(), new Dropout(0.2), new Linear(8, 3)), sample);
        var onlyDropout = McDropoutExporter.Export(model, sample, new OnnxModelInfo(),
            new GraphExportSettings { McSampling = DropoutKinds.Dropout });
        Assert.That(onlyDropout.Sites.Select(s => (s.Layer, s.Kind, s.Rate)), Is.EqualTo(new[] { ("2", DropoutKinds.Dropout, 0.2) }));
        var onlyDropConnect = McDropoutExporter.Export(model, sample, new OnnxModelInfo(),
            new GraphExportSettings { McSampling = DropoutKinds.DropConnect });
        Assert.That(onlyDropConnect.Sites.Select(s => (s.Layer, s.Kind, s.Rate)), Is.EqualTo(new[] { ("0", DropoutKinds.DropConnect, 0.3) }));
        var none = McDropoutExporter.Export(model, sample, new OnnxModelInfo(), new GraphExportSettings { McSampling = DropoutKinds.None });
        Assert.That(none.Sites, Is.Empty);
        Assert.That(none.Model.Graph.Node.Select(n => n.OpType), Has.None.AnyOf(ExportTestSupport.SamplingOps));
    }

    [TestCase(OrtGraphOptimization.Disable)]
    [TestCase(OrtGraphOptimization.Basic)]
    [TestCase(OrtGraphOptimization.Extended)]
    [TestCase(OrtGraphOptimization.All)]
    public void McMasksSampleAtEveryOptimizationLevel(OrtGraphOptimization level)
    {
        // Every kind at once, including DropConnect, whose RandomUniformLike reads a constant initializer (a
        // constant-folding candidate if the optimizer ignored that the op is random), and a ResNet block's DropPath.
        long[] sample = [2, 6, 6];
        using var model = Warmed(new Sequential(new (string, Module)[]
        {
            ("block", new BasicBlock(2, 4, 1, c => new BatchNorm2d(c), dropout2d: 0.2, dropPath: 0.3)),
            ("pool", new GlobalAvgPool()), ("flatten", new Flatten()), ("dropout", new Dropout(0.3)),
            ("head", new DropConnectLinear(4, 3, 0.3)),
        }), sample);
        var mc = McDropoutExporter.Export(model, sample, new OnnxModelInfo());
        Assert.That(mc.Sites.Select(s => s.Kind), Is.EquivalentTo(DropoutKindNames.Singles));
        var x = ExportTestSupport.Inputs(new Random(6), 6, sample);
        var runs = ExportTestSupport.OrtRuns(mc.Model, x, [6, .. sample], 6,
            OrtSessionSettings.Default with { GraphOptimization = level });
        Assert.That(runs.Skip(1).Count(r => !r.SequenceEqual(runs[0])), Is.Positive, $"{level}: the MC graph samples");

        // DropConnect alone: its mask must survive constant folding although its only input is an initializer.
        using var dense = Warmed(new Sequential(new DropConnectLinear(6, 4, 0.3)), [6]);
        var dropConnect = McDropoutExporter.Export(dense, [6], new OnnxModelInfo()).Model;
        var y = ExportTestSupport.OrtRuns(dropConnect, ExportTestSupport.Inputs(new Random(7), 3, [6]), [3, 6], 6,
            OrtSessionSettings.Default with { GraphOptimization = level });
        Assert.That(y.Skip(1).Count(r => !r.SequenceEqual(y[0])), Is.Positive, $"{level}: the DropConnect mask is not folded");
    }

    [Test]
    public void TrainingModeDropout13WithUnusedMaskOnThisOrtBuild()
    {
        // Characterizes the runtime, it does not test our code. shared/facts/onnx-format.md says ORT's
        // EliminateDropout deletes Dropout ≤ 13 whose mask is unused whatever training_mode says. ORT's source
        // (optimizer/dropout_elimination.cc) does so in builds without ENABLE_TRAINING; in ENABLE_TRAINING builds it
        // keeps a Dropout whose ratio is above 0. The ORT 1.30 library we load keeps it (it samples under the
        // default optimizations). The MC graph does not rely on either behaviour: it has no Dropout node at all
        // (McGraphSamplesExactlyTheDropoutLayers) and samples at every optimization level (test above). Should this
        // assertion fail after an ORT update, the pitfall has become real for us: a Dropout-based MC graph would
        // silently stop sampling, which is exactly what the explicit masks avoid.
        var graph = new OnnxGraphBuilder("pitfall", opset: 13);
        var x = graph.AddInput("input", ["batch", 64]);
        var y = graph.Dropout(x, 0.5f, trainingMode: true, withMask: false).Output;
        graph.AddOutput(graph.Identity(y, output: "logits"));
        var dropout13 = OnnxModelWriter.CreateModel(graph.Build(), new OnnxModelInfo { Opset = 13 });
        var input = Enumerable.Range(0, 2 * 64).Select(i => 1f + i).ToArray();

        var unoptimized = ExportTestSupport.OrtRuns(dropout13, input, [2, 64], 2,
            OrtSessionSettings.Default with { GraphOptimization = OrtGraphOptimization.Disable });
        Assert.That(unoptimized[0], Is.Not.EqualTo(input), "the node itself samples (training_mode = true)");
        var optimized = ExportTestSupport.OrtRuns(dropout13, input, [2, 64], 4);
        Assert.That(optimized.Count(r => !r.SequenceEqual(input)), Is.Positive,
            $"ONNX Runtime {OrtRuntime.Version} with default optimizations kept the training-mode Dropout-13 " +
            "(EliminateDropout did not delete it)");
    }

    private static Module Warmed(Module model, long[] sample)
    {
        Torch.ManualSeed(23);
        ExportTestSupport.Warm(model, sample);
        return model;
    }

    /// <summary>True when value = eval / (1 − p) (kept), false when value = 0 (dropped); fails otherwise.</summary>
    private static bool Ratio(float value, float eval, double p)
    {
        if (value == 0)
        {
            return eval == 0; // an eval value of exactly 0 says nothing; count it as kept
        }

        Assert.That(value, Is.EqualTo(eval / (1 - p)).Within(MaskRatioTolerance * (1 + Math.Abs(eval / (1 - p)))),
            "a kept value is eval · 1/(1 − p)");
        return true;
    }

    private static (float[] Eval, float[][] Runs) EvalAndMcRuns(Module model, long[] sample, int batch, int passes)
    {
        var x = ExportTestSupport.Inputs(new Random(4), batch, sample);
        long[] shape = [batch, .. sample];
        var eval = ExportTestSupport.TrainerOutput(model, x, shape);
        var mc = McDropoutExporter.Export(model, sample, new OnnxModelInfo());
        return (eval, ExportTestSupport.OrtRuns(mc.Model, x, shape, passes));
    }

    private static (float[] Mean, float[] Std) MeanAndStd(float[][] runs)
    {
        var n = runs[0].Length;
        var mean = new float[n];
        var std = new float[n];
        for (var j = 0; j < n; j++)
        {
            var m = runs.Average(r => (double)r[j]);
            mean[j] = (float)m;
            std[j] = (float)Math.Sqrt(runs.Sum(r => (r[j] - m) * (r[j] - m)) / (runs.Length - 1));
        }

        return (mean, std);
    }
}
