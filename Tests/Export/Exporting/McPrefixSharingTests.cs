using Harness.Export.Exporting;
using Harness.Export.Onnx;
using Harness.Export.Onnx.Proto;
using Harness.Infer.Ort;
using Harness.Infer.Uncertainty;
using Harness.Train.Configuration;
using Harness.Train.Models;
using Harness.Train.Modules;
using Harness.Train.Torch;
using NUnit.Framework;

namespace Harness.Tests.Export.Exporting;

/// <summary>
/// The prefix-shared MC graph (<see cref="McPrefixSharing"/>): the deterministic layers run once per sample and are
/// tiled after; with every mask forced to ones it gives exactly the plain tiled graph's output, with real masks the
/// same distribution (mean within Monte-Carlo error of the eval output, same spread as the plain graph) and masks
/// that are independent across the passes of one call.
/// </summary>
/// <remarks>ORT's random generators are not seeded (the graphs have no seed attribute): the statistical assertions
/// are bands with a stated false-alarm probability.</remarks>
[TestFixture]
public sealed class McPrefixSharingTests
{
    /// <summary>
    /// Half-width of the band for |std(shared) / std(plain) − 1| over 2000 passes: each sample standard deviation has a
    /// relative standard error of about √(1/(2T)) = 1.6 %, the ratio about 2.2 %; 0.15 is ~7σ, while a graph that
    /// reused one mask for all copies of a sample has a spread of 0.
    /// </summary>
    private const double StdRatioBand = 0.15;

    [Test]
    public void MlpGraphComputesTheFirstLayerOnceAndTilesBeforeTheFirstMask()
    {
        using var built = MlpModel(dropout: 0.5);
        var graph = McDropoutExporter.ExportSharedPrefix(built.Module, built.InputShape, new OnnxModelInfo()).Model.Graph;
        var ops = graph.Node.Select(n => n.OpType).ToList();
        var firstTile = ops.IndexOf("Tile");
        var firstRandom = ops.IndexOf("RandomUniformLike");
        Assert.Multiple(() =>
        {
            Assert.That(ops.Count(o => o == "Tile"), Is.EqualTo(1), "one boundary value: the ReLU output");
            Assert.That(firstTile, Is.LessThan(firstRandom), "tiled before the first mask");
            Assert.That(ops.Take(firstTile).Count(o => o == "Gemm"), Is.EqualTo(1), "the hidden Gemm is in the prefix");
            Assert.That(ops.Skip(firstTile).Count(o => o == "Gemm"), Is.EqualTo(1), "the head runs on the tiled rows");
            Assert.That(graph.Input.Select(i => i.Name), Is.EqualTo(new[] { DeploymentExporter.InputName, McPrefixSharing.PassesInputName }));
            Assert.That(graph.Output.Single().Type.TensorType.Shape.Dim[0].DimParam, Is.EqualTo(McPrefixSharing.RowsDim));
        });
    }

    [TestCase("mlp", 8192)]
    [TestCase("mlp", 7)]
    [TestCase("cnn", 8192)]
    [TestCase("cnn", 11)]
    public void WithMasksOfOnesTheSharedGraphEqualsThePlainTiledGraphExactly(string kind, int cap)
    {
        // Export with real dropout (so the random nodes are in both graphs), then set every keep probability and
        // scale to 1: each mask is all ones (u < 1 for u in [0, 1)), the p → 0 limit with the sampling structure kept.
        const int samples = 5, passes = 7;
        using var built = kind == "mlp" ? MlpModel(dropout: 0.5) : CnnModel();
        var plain = McDropoutExporter.Export(built.Module, built.InputShape, new OnnxModelInfo());
        Assert.That(plain.Sites, Is.Not.Empty);
        var ones = ForceMasksOfOnes(plain.Model);
        var shared = McPrefixSharing.Apply(ones);
        var x = ExportTestSupport.Inputs(new Random(3), samples, built.InputShape);

        var plainLogits = RunAll(ones, x, samples, passes, cap, McExecutionMode.Tiled, out _);
        var sharedLogits = RunAll(shared, x, samples, passes, cap, McExecutionMode.Tiled, out var sharedRunner);
        var sharedLoop = RunAll(shared, x, samples, passes, cap, McExecutionMode.Loop, out _);
        Assert.Multiple(() =>
        {
            Assert.That(sharedRunner, Is.True, "the runner recognised the passes input");
            Assert.That(sharedLogits, Is.EqualTo(plainLogits), "shared prefix = plain tiled, bit for bit");
            Assert.That(sharedLoop, Is.EqualTo(plainLogits), "shared graph run pass by pass");
        });
    }

    [Test]
    public void WithDropoutZeroTheSharedGraphTilesTheOutputAndEqualsThePlainGraph()
    {
        const int samples = 3, passes = 4;
        using var built = MlpModel(dropout: 0);
        var plain = McDropoutExporter.Export(built.Module, built.InputShape, new OnnxModelInfo());
        var shared = McPrefixSharing.Apply(plain.Model);
        Assert.That(plain.Sites, Is.Empty, "p = 0: nothing samples");
        Assert.That(shared.Graph.Node.Count(n => n.OpType == "Tile"), Is.EqualTo(1), "the output is tiled");
        Assert.That(shared.Graph.Node.Last().OpType, Is.EqualTo("Tile"), "nothing after the prefix but the tile");
        Assert.That(shared.Graph.Node.Last().Output.Single(), Is.EqualTo(DeploymentExporter.OutputName), "which writes the output");
        var x = ExportTestSupport.Inputs(new Random(4), samples, built.InputShape);
        Assert.That(RunAll(shared, x, samples, passes, 8192, McExecutionMode.Tiled, out _),
            Is.EqualTo(RunAll(plain.Model, x, samples, passes, 8192, McExecutionMode.Tiled, out _)));
    }

    [Test]
    public void MasksAreElementwiseWithTheTrainedRateAndIndependentAcrossPassesAndSamples()
    {
        // Linear → Dropout: the output divided by the eval output is 0 or 1/(1 − p) per element, so every mask of
        // every pass can be read off. Broken sharing (one mask reused for a sample's copies) makes consecutive passes
        // agree everywhere: joint keep rate 1 − p instead of (1 − p)².
        const double p = 0.4;
        const int samples = 3, passes = 400, units = 40;
        long[] sample = [6];
        using var model = new Sequential(new Linear(6, units), new Dropout(p));
        model.Eval();
        var eval = ExportTestSupport.OrtOutput(DeploymentExporter.Export(model, sample, new OnnxModelInfo()),
            ExportTestSupport.Inputs(new Random(8), samples, sample), [samples, 6]);
        var x = ExportTestSupport.Inputs(new Random(8), samples, sample);
        var shared = McDropoutExporter.ExportSharedPrefix(model, sample, new OnnxModelInfo()).Model;
        var logits = RunAll(shared, x, samples, passes, 8192, McExecutionMode.Tiled, out _);

        var keep = new bool[samples, passes, units];
        var notAMask = 0;
        for (var i = 0; i < samples; i++)
        {
            for (var t = 0; t < passes; t++)
            {
                for (var u = 0; u < units; u++)
                {
                    var ratio = logits[(i * passes + t) * units + u] / eval[i * units + u];
                    notAMask += Math.Abs(ratio) < 1e-4 || Math.Abs(ratio - 1 / (1 - p)) < 1e-3 ? 0 : 1;
                    keep[i, t, u] = ratio > 0.5;
                }
            }
        }

        Assert.That(notAMask, Is.Zero, "every output is the eval output times 0 or 1/(1 − p)");
        long kept = 0, keptBothPasses = 0, keptBothSamples = 0, pairsPasses = 0, pairsSamples = 0, total = 0;
        for (var i = 0; i < samples; i++)
        {
            for (var t = 0; t < passes; t++)
            {
                for (var u = 0; u < units; u++)
                {
                    kept += keep[i, t, u] ? 1 : 0;
                    total++;
                    if (t > 0)
                    {
                        keptBothPasses += keep[i, t, u] && keep[i, t - 1, u] ? 1 : 0;
                        pairsPasses++;
                    }

                    if (i > 0)
                    {
                        keptBothSamples += keep[i, t, u] && keep[i - 1, t, u] ? 1 : 0;
                        pairsSamples++;
                    }
                }
            }
        }

        var q = 1 - p;
        Assert.Multiple(() =>
        {
            Assert.That((double)kept / total, Is.EqualTo(q).Within(Tolerances.MaskStatisticSigmas * Math.Sqrt(q * p / total)),
                "kept fraction = 1 − p");
            // Pairs overlap (t−1, t) and (t, t+1), which correlates them under dependence only; under independence the
            // indicator products are 1-dependent, variance ≤ 3·q²(1 − q²)/n: use that bound.
            var joint = q * q;
            Assert.That((double)keptBothPasses / pairsPasses,
                Is.EqualTo(joint).Within(Tolerances.MaskStatisticSigmas * Math.Sqrt(3 * joint * (1 - joint) / pairsPasses)),
                "consecutive passes of a sample drew independent masks");
            Assert.That((double)keptBothSamples / pairsSamples,
                Is.EqualTo(joint).Within(Tolerances.MaskStatisticSigmas * Math.Sqrt(3 * joint * (1 - joint) / pairsSamples)),
                "samples of one pass drew independent masks");
        });
    }

    [Test]
    public void SharedGraphHasTheDistributionOfThePlainGraph()
    {
        // Linear → BN → ReLU → Dropout → Linear: dropout feeds a linear head, so E[MC logits] = eval logits exactly.
        const int samples = 4, passes = 2000;
        using var built = MlpModel(dropout: 0.5);
        var x = ExportTestSupport.Inputs(new Random(9), samples, built.InputShape);
        built.Module.Eval();
        var eval = ExportTestSupport.OrtOutput(DeploymentExporter.Export(built.Module, built.InputShape, new OnnxModelInfo()), x,
            [samples, .. built.InputShape]);
        var plain = McDropoutExporter.Export(built.Module, built.InputShape, new OnnxModelInfo()).Model;
        var shared = McPrefixSharing.Apply(plain);
        var plainLogits = RunAll(plain, x, samples, passes, 8192, McExecutionMode.Tiled, out _);
        var sharedLogits = RunAll(shared, x, samples, passes, 8192, McExecutionMode.Tiled, out _);
        Assert.Multiple(() =>
        {
            for (var i = 0; i < samples; i++)
            {
                for (var k = 0; k < 10; k++)
                {
                    var (sm, ss) = MeanStd(sharedLogits, i, k, passes, 10);
                    var (_, ps) = MeanStd(plainLogits, i, k, passes, 10);
                    Assert.That(Math.Abs(sm - eval[i * 10 + k]), Is.LessThan(Tolerances.MaskStatisticSigmas * ss / Math.Sqrt(passes)),
                        $"shared mean, sample {i} class {k}");
                    Assert.That(ss / ps, Is.EqualTo(1.0).Within(StdRatioBand), $"std ratio, sample {i} class {k}");
                }
            }
        });
    }

    [Test]
    public void SteadyStateSharedRunsAllocateNothingAndCountCalls()
    {
        using var built = MlpModel(dropout: 0.3);
        var shared = McDropoutExporter.ExportSharedPrefix(built.Module, built.InputShape, new OnnxModelInfo()).Model;
        using var session = OrtSession.FromBytes(OnnxModelWriter.ToBytes(shared));
        using var runner = new McPassRunner(session, maxRowsPerCall: 50);
        var x = new float[7 * 784];
        var logits = new float[7 * 30 * 10];
        runner.Run(x, 7, 30, McExecutionMode.Tiled, logits);
        runner.Run(x, 7, 30, McExecutionMode.Loop, logits);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var calls = runner.Calls;
        runner.Run(x, 7, 30, McExecutionMode.Tiled, logits);
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
        // Cap 50, T = 30: 30 passes of 1 sample per call (50 / 30 = 1): 7 calls.
        Assert.That(runner.Calls - calls, Is.EqualTo(7));
    }

    [Test]
    public void RejectsGraphsThatAreNotSingleInputOrAlreadyShared()
    {
        using var built = MlpModel(dropout: 0.3);
        var shared = McDropoutExporter.ExportSharedPrefix(built.Module, built.InputShape, new OnnxModelInfo()).Model;
        Assert.That(McPrefixSharing.IsSharedPrefix(shared), Is.True);
        Assert.Throws<NotSupportedException>(() => McPrefixSharing.Apply(shared), "two inputs");
    }

    [Test]
    public void RefusesAPrefixThatMixesBatchRows()
    {
        // Transpose [batch, 4] → [4, batch] before the mask: tiling its output is not running it on tiled rows.
        var g = new OnnxGraphBuilder("mixing");
        var x = g.AddInput("input", [OnnxDim.Symbolic("batch"), OnnxDim.Fixed(4)]);
        var h = g.Transpose(x, [1, 0], name: "swap");
        var u = g.RandomUniformLike(h, name: "u");
        var y = g.Mul(h, u, name: "masked", output: "logits");
        g.AddOutput(y, [OnnxDim.Fixed(4), OnnxDim.Symbolic("batch")], Harness.Export.Onnx.Proto.TensorProto.Types.DataType.Float);
        var model = OnnxModelWriter.CreateModel(g.Build(), new OnnxModelInfo());
        var error = Assert.Throws<NotSupportedException>(() => McPrefixSharing.Apply(model));
        Assert.That(error!.Message, Does.Contain("'swap' (Transpose)"));
    }

    private static Model MlpModel(double dropout)
    {
        Torch.ManualSeed(2);
        var built = ModelFactory.Create(new ModelOptions { Kind = "mlp", Hidden = [64], Norm = "batch", Dropout = dropout }, 1, 28, 28, 10);
        ExportTestSupport.Warm(built.Module, built.InputShape);
        return new Model(built.Module, built.InputShape);
    }

    private static Model CnnModel()
    {
        Torch.ManualSeed(3);
        var built = ModelFactory.Create(new ModelOptions { Kind = "cnn", Channels = [4, 8], Norm = "batch", Dropout = 0.3, Dropout2d = 0.2 },
            1, 12, 12, 10);
        ExportTestSupport.Warm(built.Module, built.InputShape);
        return new Model(built.Module, built.InputShape);
    }

    /// <summary>A built network that the test disposes.</summary>
    private sealed record Model(Module Module, long[] InputShape) : IDisposable
    {
        public void Dispose() => Module.Dispose();
    }

    /// <summary>A copy whose masks are all ones: every "*.keep_probability" and "*.scale" initializer set to 1.</summary>
    private static ModelProto ForceMasksOfOnes(ModelProto model)
    {
        var copy = model.Clone();
        var changed = 0;
        for (var i = 0; i < copy.Graph.Initializer.Count; i++)
        {
            var name = copy.Graph.Initializer[i].Name;
            if (name.EndsWith(".keep_probability", StringComparison.Ordinal) || name.EndsWith(".scale", StringComparison.Ordinal))
            {
                copy.Graph.Initializer[i] = OnnxTensors.Float(name, [1f], []);
                changed++;
            }
        }

        Assert.That(changed, Is.GreaterThan(0), "the graph has mask constants to force");
        return copy;
    }

    private static float[] RunAll(ModelProto model, float[] x, int samples, int passes, int cap, McExecutionMode mode, out bool shares)
    {
        using var session = OrtSession.FromBytes(OnnxModelWriter.ToBytes(model));
        using var runner = new McPassRunner(session, cap);
        var logits = new float[samples * passes * runner.Classes];
        runner.Run(x, samples, passes, mode, logits);
        shares = runner.SharesPrefix;
        return logits;
    }

    private static (double Mean, double Std) MeanStd(float[] logits, int sample, int k, int passes, int classes)
    {
        double sum = 0, sumSq = 0;
        for (var t = 0; t < passes; t++)
        {
            double v = logits[(sample * passes + t) * classes + k];
            sum += v;
            sumSq += v * v;
        }

        var mean = sum / passes;
        return (mean, Math.Sqrt((sumSq / passes - mean * mean) * passes / (passes - 1)));
    }
}
