using Harness.Export.Exporting;
using Harness.Export.Onnx;
using Harness.Infer.Ort;
using Harness.Train.Modules;
using Harness.Train.Torch;
using NUnit.Framework;

namespace Harness.Tests.Export.Exporting;

/// <summary>
/// Every layer Train can build, exported alone (or behind the layer it folds into): the deployment graph in ONNX
/// Runtime (default optimizations) gives the trainer's eval-mode output at batch 1 and 5, with and without
/// BatchNorm folding, at opsets 13 and 17; it has no dropout or random op, and folding leaves no
/// BatchNormalization after a Conv/Gemm. Models are trained a few steps first (running statistics ≠ 0/1).
/// </summary>
[TestFixture]
public sealed class LayerExportTests
{
    private static readonly int[] Opsets = [13, 17];
    private static readonly int[] Batches = [1, 5];

    /// <summary>One layer case: how to build it, its sample shape, whether it has an unfoldable-by-choice
    /// BatchNorm (nodes expected without folding) and which dropout kind it holds.</summary>
    public sealed record LayerCase(string Name, Func<Module> Build, long[] Shape, bool HasBatchNorm = false,
        DropoutKinds Dropout = DropoutKinds.None)
    {
        public override string ToString() => Name;
    }

    public static IEnumerable<LayerCase> Cases()
    {
        Func<long, Module> bn = c => new BatchNorm2d(c);
        yield return new("Linear", () => new Sequential(new Linear(6, 4)), [6]);
        yield return new("Linear over rank 3 (MatMul)", () => new Sequential(new Linear(6, 4)), [3, 6]);
        yield return new("Conv2d strided padded", () => new Sequential(new Conv2d(3, 4, 3, stride: 2, padding: 1)), [3, 7, 7]);
        yield return new("Conv2d grouped dilated", () => new Sequential(new Conv2d(4, 6, (3, 3), (1, 2), (2, 1), (2, 1), groups: 2)), [4, 8, 8]);
        yield return new("BatchNorm1d after Linear", () => new Sequential(new Linear(6, 5), new BatchNorm1d(5)), [6], HasBatchNorm: true);
        yield return new("BatchNorm1d after DropConnectLinear", () => new Sequential(new DropConnectLinear(6, 5, 0.3), new BatchNorm1d(5)), [6],
            HasBatchNorm: true, Dropout: DropoutKinds.DropConnect);
        yield return new("BatchNorm1d alone", () => new Sequential(new ReLU(), new BatchNorm1d(6)), [6], HasBatchNorm: true);
        yield return new("BatchNorm1d on [N, C, L]", () => new Sequential(new BatchNorm1d(3)), [3, 4], HasBatchNorm: true);
        yield return new("BatchNorm2d after Conv2d", () => new Sequential(new Conv2d(3, 4, 3, padding: 1, bias: false), new BatchNorm2d(4)), [3, 6, 6], HasBatchNorm: true);
        yield return new("BatchNorm2d after Conv2d with bias", () => new Sequential(new Conv2d(3, 4, 3), new BatchNorm2d(4)), [3, 6, 6], HasBatchNorm: true);
        yield return new("BatchNorm2d alone", () => new Sequential(new MaxPool2d(2), new BatchNorm2d(3)), [3, 6, 6], HasBatchNorm: true);
        yield return new("LayerNorm", () => new Sequential(new Linear(6, 6), new LayerNorm(6)), [6]);
        yield return new("LayerNorm over [C, H, W] without affine", () => new Sequential(new Conv2d(2, 3, 3, padding: 1), new LayerNorm([3, 4, 4], elementwiseAffine: false)), [2, 4, 4]);
        yield return new("RMSNorm", () => new Sequential(new Linear(6, 6), new RMSNorm(6)), [6]);
        yield return new("RMSNorm without affine, eps 1e-3", () => new Sequential(new Linear(6, 6), new RMSNorm(6, 1e-3, elementwiseAffine: false)), [6]);
        yield return new("GroupNorm", () => new Sequential(new Conv2d(2, 4, 3, padding: 1), new GroupNorm(2, 4)), [2, 5, 5]);
        yield return new("GroupNorm without affine", () => new Sequential(new Conv2d(2, 4, 3, padding: 1), new GroupNorm(4, 4, affine: false)), [2, 5, 5]);
        yield return new("ReLU", () => new Sequential(new Linear(6, 6), new ReLU()), [6]);
        yield return new("MaxPool2d padded", () => new Sequential(new MaxPool2d(3, 2, 1)), [2, 7, 7]);
        yield return new("AvgPool2d padded (count_include_pad)", () => new Sequential(new AvgPool2d(3, 2, 1)), [2, 7, 7]);
        yield return new("GlobalAvgPool + Flatten", () => new Sequential(new GlobalAvgPool(), new Flatten()), [3, 5, 5]);
        yield return new("Flatten(2)", () => new Sequential(new Flatten(2)), [2, 3, 3]);
        yield return new("Dropout", () => new Sequential(new Linear(6, 8), new Dropout(0.4), new Linear(8, 3)), [6], Dropout: DropoutKinds.Dropout);
        yield return new("Dropout2d", () => new Sequential(new Conv2d(2, 3, 3, padding: 1), new Dropout2d(0.3)), [2, 4, 4], Dropout: DropoutKinds.Dropout2d);
        yield return new("DropPath", () => new Sequential(new Linear(6, 6), new DropPath(0.3)), [6], Dropout: DropoutKinds.DropPath);
        yield return new("DropConnectLinear", () => new Sequential(new DropConnectLinear(6, 4, 0.4)), [6], Dropout: DropoutKinds.DropConnect);
        yield return new("BasicBlock, projection, BatchNorm, Dropout2d, DropPath", () => new BasicBlock(3, 4, 2, bn, 0.2, 0.2), [3, 6, 6],
            HasBatchNorm: true, Dropout: DropoutKinds.Dropout2d | DropoutKinds.DropPath);
        yield return new("BasicBlock, identity, BatchNorm, DropPath", () => new BasicBlock(4, 4, 1, bn, 0, 0.3), [4, 5, 5],
            HasBatchNorm: true, Dropout: DropoutKinds.DropPath);
        yield return new("BasicBlock, GroupNorm", () => new BasicBlock(4, 4, 1, c => new GroupNorm(2, c)), [4, 5, 5]);
        yield return new("BasicBlock, no norm, projection", () => new BasicBlock(3, 4, 2), [3, 6, 6]);
    }

    [TestCaseSource(nameof(Cases))]
    public void DeploymentGraphMatchesTrainerEvalOutput(LayerCase layer)
    {
        Torch.ManualSeed(17);
        using var model = layer.Build();
        ExportTestSupport.Warm(model, layer.Shape);
        var random = new Random(11);
        var inputs = Batches.ToDictionary(b => b, b => ExportTestSupport.Inputs(random, b, layer.Shape));
        var expected = Batches.ToDictionary(b => b, b => ExportTestSupport.TrainerOutput(model, inputs[b], [b, .. layer.Shape]));

        Assert.Multiple(() =>
        {
            foreach (var opset in Opsets)
            {
                foreach (var fold in new[] { false, true })
                {
                    var what = $"opset {opset}, fold {fold}";
                    var proto = DeploymentExporter.Export(model, layer.Shape, new OnnxModelInfo { Opset = opset },
                        new GraphExportSettings { FoldBatchNorm = fold });
                    var ops = proto.Graph.Node.Select(n => n.OpType).ToList();
                    Assert.That(ops, Has.None.AnyOf(ExportTestSupport.SamplingOps), $"{what}: no dropout or random op");
                    Assert.That(ExportTestSupport.BatchNormAfterConvOrGemm(proto.Graph).Count(),
                        fold ? Is.Zero : Is.GreaterThanOrEqualTo(0), $"{what}: BatchNormalization after Conv/Gemm");
                    if (layer.HasBatchNorm && !fold)
                    {
                        Assert.That(ops, Has.Member("BatchNormalization"), $"{what}: the control, BN kept unfolded");
                    }

                    foreach (var batch in Batches)
                    {
                        var actual = ExportTestSupport.OrtOutput(proto, inputs[batch], [batch, .. layer.Shape]);
                        var diff = ExportTestSupport.MaxAbsDifference(expected[batch], actual);
                        Assert.That(diff, Is.LessThanOrEqualTo(Tolerances.TrainerVsOrt), $"{what}, batch {batch}: max |trainer − ORT|");
                    }
                }
            }
        });
        Assert.That(expected[5].Max() - expected[5].Min(), Is.GreaterThan(0.1), "the control: outputs are not all alike");
    }

    [TestCaseSource(nameof(Cases))]
    public void McGraphSamplesExactlyTheDropoutLayers(LayerCase layer)
    {
        Torch.ManualSeed(18);
        using var model = layer.Build();
        ExportTestSupport.Warm(model, layer.Shape);
        var x = ExportTestSupport.Inputs(new Random(12), 5, layer.Shape);
        long[] shape = [5, .. layer.Shape];
        var mc = McDropoutExporter.Export(model, layer.Shape, new OnnxModelInfo());
        var kinds = mc.Sites.Aggregate(DropoutKinds.None, (all, s) => all | s.Kind);
        Assert.That(kinds, Is.EqualTo(layer.Dropout), "sampled kinds");
        Assert.That(mc.Model.Graph.Node.Select(n => n.OpType), Has.No.Member("Dropout"), "masks are built, not Dropout nodes");
        Assert.That(mc.Model.Graph.Node.Count(n => n.OpType == "RandomUniformLike"), Is.EqualTo(mc.Sites.Count), "one mask per site");
        // 8 runs: a DropPath at p = 0.3 over 5 samples repeats its whole mask with probability 0.58^5 ≈ 0.07 per
        // pair, so 7 repeats of the first run happen with probability ≈ 1e-8 when sampling works.
        var runs = ExportTestSupport.OrtRuns(mc.Model, x, shape, 8);
        var differing = runs.Skip(1).Count(r => !r.SequenceEqual(runs[0]));
        if (layer.Dropout == DropoutKinds.None)
        {
            Assert.That(differing, Is.Zero, "no dropout: the MC graph is deterministic");
        }
        else
        {
            Assert.That(differing, Is.Positive, "dropout samples under ORT's default optimizations");
        }
    }

    [Test]
    public void RmsNormalizationOperatorAtOpset23MatchesTrainer()
    {
        if (!OrtSupports(1, 23))
        {
            Assert.Ignore($"ONNX Runtime {OrtRuntime.Version} has no RMSNormalization (needs 1.23 or later).");
        }

        Torch.ManualSeed(19);
        long[] sample = [6];
        using var model = new Sequential(new Linear(6, 6), new RMSNorm(6));
        ExportTestSupport.Warm(model, sample);
        var x = ExportTestSupport.Inputs(new Random(13), 5, sample);
        var expected = ExportTestSupport.TrainerOutput(model, x, [5, 6]);
        foreach (var native in new[] { true, false })
        {
            var proto = DeploymentExporter.Export(model, sample, new OnnxModelInfo { Opset = 23 },
                new GraphExportSettings { NativeRmsNorm = native });
            Assert.That(proto.Graph.Node.Any(n => n.OpType == "RMSNormalization"), Is.EqualTo(native), $"native {native}");
            Assert.That(proto.IrVersion, Is.EqualTo(11), "opset 23 needs IR 11");
            var diff = ExportTestSupport.MaxAbsDifference(expected, ExportTestSupport.OrtOutput(proto, x, [5, 6]));
            Assert.That(diff, Is.LessThanOrEqualTo(Tolerances.TrainerVsOrt), $"native {native}: max |trainer − ORT|");
        }
    }

    [Test]
    public void RmsNormalizationOperatorBelowOpset23IsRefusedNamingTheLayer()
    {
        using var model = new Sequential(new Linear(6, 6), new RMSNorm(6));
        Assert.That(() => DeploymentExporter.Export(model, [6], new OnnxModelInfo { Opset = 17 },
                new GraphExportSettings { NativeRmsNorm = true }),
            Throws.InstanceOf<NotSupportedException>().With.Message.Contains("'1' (RMSNorm)").And.Message.Contains("opset 23"));
    }

    [Test]
    public void LayerNormIsTheOperatorFromOpset17AndADecompositionBelow()
    {
        using var model = new Sequential(new LayerNorm(6));
        var at17 = DeploymentExporter.Export(model, [6], new OnnxModelInfo { Opset = 17 }).Graph.Node.Select(n => n.OpType);
        var at13 = DeploymentExporter.Export(model, [6], new OnnxModelInfo { Opset = 13 }).Graph.Node.Select(n => n.OpType);
        Assert.That(at17, Has.Member("LayerNormalization"));
        Assert.That(at13, Has.No.Member("LayerNormalization").And.Member("ReduceMean"));
    }

    [Test]
    public void UnknownLayerIsRefusedNamingIt()
    {
        using var model = new Sequential(new Linear(4, 4), new Unknown());
        Assert.That(() => DeploymentExporter.Export(model, [4], new OnnxModelInfo()),
            Throws.InstanceOf<NotSupportedException>().With.Message.Contains("'1' (Unknown)"));
    }

    private static bool OrtSupports(int major, int minor)
    {
        var parts = OrtRuntime.Version.Split('.').Select(p => int.TryParse(p, out var v) ? v : 0).ToArray();
        return parts.Length >= 2 && (parts[0] > major || parts[0] == major && parts[1] >= minor);
    }

    private sealed class Unknown : Module
    {
        public override Tensor Forward(Tensor input) => input.Relu();
    }
}
