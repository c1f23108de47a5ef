using Harness.Export.Onnx;
using Harness.Export.Onnx.Proto;
using Harness.Infer.Checks;
using Harness.Infer.Ort;
using Harness.Tests.Infer.Gate.Mutants;
using NUnit.Framework;

namespace Harness.Tests.Infer.Gate;

/// <summary>
/// Zero false alarms: every good model passes every check, with and without its probe, with its MC graph, and in the
/// variants that strain the bounds (fixed batch, large outputs, a tiny network, weights moved within tolerance). And
/// the real bug: PyTorch's export of a network left in train mode fails, with the right checks named.
/// </summary>
[TestFixture]
public sealed class GoodModelTests
{
    [TestCaseSource(typeof(GateModels), nameof(GateModels.Names))]
    public void GoodModelPassesWithProbeAndMcGraph(string name)
    {
        var good = GateModels.Get(name);
        AssertNoFalseAlarm(GateRun.Check(good.Deployment, good.Mc, good.Probe), expectedPasses: 8);
    }

    [TestCaseSource(typeof(GateModels), nameof(GateModels.Names))]
    public void GoodModelPassesOnSynthesizedInputs(string name)
    {
        var good = GateModels.Get(name);
        AssertNoFalseAlarm(GateRun.Check(good.Deployment, good.Mc), expectedPasses: 7);
        AssertNoFalseAlarm(GateRun.Check(good.Deployment), expectedPasses: 3);
    }

    [Test]
    public void FixedBatchModelIsCheckedByPaddingItsBatches()
    {
        var good = GateModels.Get(GateModels.Ours);
        var report = GateRun.Check(FixBatch(good.Deployment, 4), FixBatch(good.Mc, 4), good.Probe);
        AssertNoFalseAlarm(report, expectedPasses: 8);

        // A batch of four copies of one sample stands for "alone": batch statistics still show.
        var broken = GateRun.Check(FixBatch(MutantCatalog.BatchStatisticArithmetic(good.Deployment), 4));
        Assert.That(broken.Failed("batch-independence"), Is.Not.Null, GateRun.Describe(broken));
    }

    [Test]
    public void LargeOutputsPassWithinFloat32Resolution()
    {
        // Logits ×1000 (|y| up to ~1e4): the probe, recorded by the trainer and scaled, differs from ONNX Runtime's
        // outputs by float32 rounding at that magnitude, above the probe's absolute 1e-4.
        const float factor = 1000f;
        var good = GateModels.Get(GateModels.Ours);
        var scaled = ScaleHead(good.Deployment, factor);
        var probe = good.Probe with { Outputs = good.Probe.Outputs.Select(y => y * factor).ToArray() };
        var report = GateRun.Check(scaled, ScaleHead(good.Mc, factor), probe);
        AssertNoFalseAlarm(report, expectedPasses: 8);
        Assert.That((double)report.Results.Single(r => r.Name == "probe-parity").Evidence["max_abs_difference"],
            Is.GreaterThan(0), "the control: large outputs do not match the probe bit for bit");
    }

    [Test]
    public void TinyModelWithSmallDropoutPasses()
    {
        // 2 → 2 → ReLU → 1 with dropout 0.1 on two hidden units: masks often repeat, one output, eight samples.
        // (Each hidden unit is live for about half of the N(0, 1) inputs.)
        var graph = new OnnxGraphBuilder("tiny");
        var x = graph.AddInput("input", ["batch", 2]);
        x = graph.Relu(graph.Gemm(x, [1f, 0.5f, -0.5f, 1f], 2, 2, [0.1f, 0.1f]));
        graph.AddOutput(graph.Gemm(x, [1f, -1f], 1, 2, [0.5f], output: "output"));
        var model = OnnxModelWriter.CreateModel(graph.Build(), new OnnxModelInfo());
        AssertNoFalseAlarm(GateRun.Check(model, McGraphs.WithMcDropout(model, 0.1f)), expectedPasses: 7);
    }

    [Test]
    public void WeightsMovedWithinToleranceStillMatchTheProbe()
    {
        var good = GateModels.Get(GateModels.Ours);
        AssertNoFalseAlarm(GateRun.Check(MutantCatalog.PerturbWeights(good.Deployment, 1e-6f), probe: good.Probe), expectedPasses: 4);
    }

    [Test]
    public void PyTorchExportOfATrainModeNetworkFails()
    {
        var model = OnnxModelReader.Read(GateModels.TorchMlpTrainMode);
        var report = GateRun.Check(model);
        TestContext.Out.WriteLine(GateRun.Describe(report));
        Assert.That(report.Passed, Is.False);
        Assert.That(report.Failed("batch-independence")?.Message, Does.Contain("outputs depend on the other samples"));
        Assert.That(report.Failed("graph-lint")?.Message, Does.Contain("training_mode = 1").And.Contain("training_mode = true"));
        // Its Dropout-15 nodes have unused masks: ONNX Runtime deletes them, so the runs are deterministic here.
        Assert.That(report.Results.Single(r => r.Name == "determinism").Status, Is.EqualTo(CheckStatus.Pass));
    }

    [Test]
    public void DropoutLeftSamplingSamplesWithoutOptimization()
    {
        // The dropout-22 mutant is deterministic under ONNX Runtime 1.30's default optimizations (EliminateDropout
        // takes Dropout-22 with an unused mask too); with optimizations off it samples, and determinism says so.
        var broken = MutantCatalog.LeftSamplingDropout(GateModels.Get(GateModels.Ours).Deployment, consumeMask: false);
        using var folder = new Harness.Tests.Export.TempFolder();
        var path = folder.File("model.onnx");
        OnnxModelWriter.Write(broken, path);
        foreach (var (optimization, deterministic) in new[] { (OrtGraphOptimization.All, true), (OrtGraphOptimization.Disable, false) })
        {
            using var context = GateContext.Open(path, null, null, GateRun.Settings with { GraphOptimization = optimization });
            var result = new DeterminismCheck().Run(context);
            Assert.That(result.Status, Is.EqualTo(deterministic ? CheckStatus.Pass : CheckStatus.Fail), $"{optimization}: {result.Message}");
        }
    }

    private static void AssertNoFalseAlarm(GateReport report, int expectedPasses)
    {
        var all = GateRun.Describe(report);
        TestContext.Out.WriteLine(all);
        Assert.That(report.Results.Where(r => r.Status == CheckStatus.Fail).Select(r => r.Name), Is.Empty, all);
        Assert.That(report.Count(CheckStatus.Pass), Is.EqualTo(expectedPasses), all);
    }

    /// <summary>The model with its batch dimension fixed at <paramref name="batch"/> on every input and output.</summary>
    private static ModelProto FixBatch(ModelProto source, long batch)
    {
        var model = source.Clone();
        foreach (var value in model.Graph.Input.Concat(model.Graph.Output))
        {
            value.Type.TensorType.Shape.Dim[0] = new TensorShapeProto.Types.Dimension { DimValue = batch };
        }

        return model;
    }

    /// <summary>The last Gemm's weight and bias multiplied by <paramref name="factor"/>.</summary>
    private static ModelProto ScaleHead(ModelProto source, float factor)
    {
        var model = source.Clone();
        var head = model.Graph.Node.Last(n => n.OpType == "Gemm");
        foreach (var parameter in head.Input.Skip(1))
        {
            GraphEdit.MapFloats(model.Graph, parameter, w => w.Select(v => v * factor).ToArray());
        }

        return model;
    }
}
