using Harness.Export.Exporting;
using Harness.Export.Onnx;
using Harness.Export.Probe;
using Harness.Infer.Checks;
using Harness.Infer.Ort;
using Harness.Infer.Parity;
using Harness.Train.Configuration;
using Harness.Train.Models;
using Harness.Train.Modules;
using Harness.Train.Torch;
using NUnit.Framework;

namespace Harness.Tests.Export.Exporting;

/// <summary>
/// The three model families ModelFactory builds (tiny widths, trained a few steps): deployment graph vs trainer at
/// batch 1 and 5, fold on/off, opset 13 and 17; the Exporter facade end to end (files, metadata, verification,
/// the eval-mode gate accepting its output); verification failures; and ONNX's own checker on both graphs.
/// </summary>
[TestFixture]
public sealed class ModelExportTests
{
    public static IEnumerable<TestCaseData> Models()
    {
        yield return new TestCaseData("mlp", new ModelOptions { Kind = "mlp", Hidden = [16, 12], Norm = "batch", Dropout = 0.3, DropConnect = 0.2 }, 1).SetArgDisplayNames("mlp");
        yield return new TestCaseData("cnn", new ModelOptions { Kind = "cnn", Channels = [4, 8], Norm = "batch", Dropout = 0.3, Dropout2d = 0.1 }, 1).SetArgDisplayNames("cnn");
        yield return new TestCaseData("resnet", new ModelOptions { Kind = "resnet", Channels = [4, 8], Blocks = [1, 1], Norm = "batch", Dropout = 0.2, Dropout2d = 0.1, StochasticDepth = 0.2 }, 3).SetArgDisplayNames("resnet");
    }

    [TestCaseSource(nameof(Models))]
    public void DeploymentGraphMatchesTrainerAtEveryBatchFoldAndOpset(string kind, ModelOptions options, int channels)
    {
        var built = Build(options, channels);
        using var owned = built.Module;
        var shape = built.InputShape;
        var random = new Random(31);
        Assert.Multiple(() =>
        {
            foreach (var batch in new[] { 1, 5 })
            {
                var x = ExportTestSupport.Inputs(random, batch, shape);
                var expected = ExportTestSupport.TrainerOutput(built.Module, x, [batch, .. shape]);
                foreach (var opset in new[] { 13, 17 })
                {
                    foreach (var fold in new[] { false, true })
                    {
                        var proto = DeploymentExporter.Export(built.Module, shape, new OnnxModelInfo { Opset = opset },
                            new GraphExportSettings { FoldBatchNorm = fold });
                        var ops = proto.Graph.Node.Select(n => n.OpType).ToList();
                        Assert.That(ops, Has.None.AnyOf(ExportTestSupport.SamplingOps), $"{kind}: no dropout or random op");
                        Assert.That(ops.Count(o => o == "BatchNormalization"), fold ? Is.Zero : Is.Positive,
                            $"{kind} fold {fold}: BatchNormalization nodes (every BN here follows a Conv/Gemm)");
                        var diff = ExportTestSupport.MaxAbsDifference(expected, ExportTestSupport.OrtOutput(proto, x, [batch, .. shape]));
                        Assert.That(diff, Is.LessThanOrEqualTo(Tolerances.TrainerVsOrt), $"{kind} batch {batch} opset {opset} fold {fold}");
                    }
                }
            }
        });
    }

    [TestCaseSource(nameof(Models))]
    public void ExporterWritesVerifiedFilesThatTheGateAccepts(string kind, ModelOptions options, int channels)
    {
        var built = Build(options, channels);
        using var owned = built.Module;
        using var folder = new TempFolder();
        var checkpoint = folder.File("model.safetensors");
        File.WriteAllText(checkpoint, "stand-in checkpoint bytes");
        var sources = new ExportSources
        {
            ClassNames = Enumerable.Range(0, 4).Select(i => $"class{i}").ToArray(),
            NormalizationMean = [0.5f], NormalizationStd = [0.25f], CheckpointPath = checkpoint,
            RecipeSummary = $"{kind}: 6 AdamW steps on random labels",
            ProbeInputs = ExportTestSupport.Inputs(new Random(41), 20, built.InputShape),
        };
        var result = new Exporter(folder.Path, new OrtOnnxModelRunner()).Export(built.Module, built.InputShape, new ExportOptions(), sources);

        Assert.That(result.MaxAbsDifference, Is.LessThanOrEqualTo(1e-4));
        Assert.That(result.McMaxRunDifference, Is.Positive);
        Assert.That(result.McModelPath, Is.EqualTo(folder.File(Exporter.McModelFile)));
        var probe = ModelProbe.Load(result.ProbePath);
        Assert.That(probe.Count, Is.EqualTo(16), "ProbeSamples = 16 of the 20 inputs given");
        Assert.That(probe.Inputs, Is.EqualTo(sources.ProbeInputs[..probe.Inputs.Length]));

        using (var session = OrtSession.Open(result.ModelPath))
        {
            Assert.That(session.GetMetadata(ExportMetadata.GraphKindKey), Is.EqualTo(ExportMetadata.DeploymentGraph));
            Assert.That(session.GetMetadata(ExportMetadata.ClassNamesKey), Does.Contain("class3"));
            Assert.That(session.GetMetadata(ExportMetadata.SourceCheckpointKey), Is.EqualTo(ExportMetadata.Sha256(checkpoint)));
            Assert.That(session.GetMetadata(ExportMetadata.BatchNormFoldedKey), Is.EqualTo("true"));
            Assert.That(session.GetMetadata(ExportMetadata.McDropoutKey), Is.Null);
        }

        using (var session = OrtSession.Open(result.McModelPath!))
        {
            Assert.That(session.GetMetadata(ExportMetadata.GraphKindKey), Is.EqualTo(ExportMetadata.McDropoutGraph));
            Assert.That(session.GetMetadata(ExportMetadata.McKindsKey), Is.EqualTo("[\"Dropout\",\"Dropout2d\",\"DropPath\",\"DropConnect\"]"));
            Assert.That(session.GetMetadata(ExportMetadata.McDropoutKey), Does.Contain("\"rate\":"));
        }

        // The gate that CI runs on these files accepts them (MC checks included).
        using var context = GateContext.Open(result.ModelPath, result.ProbePath, result.McModelPath, OrtSessionSettings.Default);
        var report = EvalModeGate.Run(context);
        Assert.That(report.Results.Where(r => r.Status == CheckStatus.Fail).Select(r => $"{r.Name}: {r.Message}"), Is.Empty);
        Assert.That(report.Results.Count(r => r.Status == CheckStatus.Pass), Is.GreaterThanOrEqualTo(7));
    }

    [Test]
    public void ExporterWithoutSampledDropoutWritesNoMcGraph()
    {
        var built = Build(new ModelOptions { Kind = "mlp", Hidden = [8], Norm = "batch", Dropout = 0 }, 1);
        using var owned = built.Module;
        using var folder = new TempFolder();
        File.WriteAllText(folder.File(Exporter.McModelFile), "stale");
        var result = new Exporter(folder.Path, new OrtOnnxModelRunner())
            .Export(built.Module, built.InputShape, new ExportOptions(), new ExportSources());
        Assert.That(result.McModelPath, Is.Null);
        Assert.That(result.McSkipReason, Does.Contain("no dropout"));
        Assert.That(File.Exists(folder.File(Exporter.McModelFile)), Is.False, "a stale MC graph is removed");
        Assert.That(ModelProbe.Load(result.ProbePath).Count, Is.EqualTo(16), "synthesized probe inputs");
    }

    [Test]
    public void VerificationFailsWhenTheDeploymentGraphDrifts()
    {
        var built = Build(new ModelOptions { Kind = "mlp", Hidden = [8], Norm = "batch", Dropout = 0.2 }, 1);
        using var owned = built.Module;
        using var folder = new TempFolder();
        var drifting = new DriftingRunner(new OrtOnnxModelRunner(), 1e-3f);
        Assert.That(() => new Exporter(folder.Path, drifting).Export(built.Module, built.InputShape, new ExportOptions(), new ExportSources()),
            Throws.InstanceOf<ExportVerificationException>().With.Message.Contains("max |trainer − ONNX Runtime|"));
        Assert.That(File.Exists(folder.File(Exporter.ModelFile)), "the files stay for inspection");
    }

    [Test]
    public void VerificationFailsWhenTheMcGraphDoesNotSample()
    {
        var built = Build(new ModelOptions { Kind = "mlp", Hidden = [8], Norm = "batch", Dropout = 0.2 }, 1);
        using var owned = built.Module;
        using var folder = new TempFolder();
        Assert.That(() => new Exporter(folder.Path, new FrozenRunner(new OrtOnnxModelRunner()))
                .Export(built.Module, built.InputShape, new ExportOptions(), new ExportSources()),
            Throws.InstanceOf<ExportVerificationException>().With.Message.Contains("does not sample"));
    }

    [Test]
    public void InvalidOptionsAreRefusedNamingKeyValueAndRange()
    {
        var options = new ExportOptions { Opset = 12, McDropoutKinds = ["Dropout", "Gaussian"], ProbeSamples = 0, ParityTolerance = 0, NativeRmsNorm = true };
        var errors = options.Validate().ToList();
        Assert.That(errors, Has.Some.Contains("Opset = 12: must be between 13 and 23"));
        Assert.That(errors, Has.Some.Contains("McDropoutKinds = 'Gaussian'"));
        Assert.That(errors, Has.Some.Contains("ProbeSamples = 0: must be between 1 and 1024"));
        Assert.That(errors, Has.Some.Contains("ParityTolerance = 0"));
        Assert.That(errors, Has.Some.Contains("NativeRmsNorm = true with Opset = 12"));
        Assert.That(new ExportOptions().Validate(), Is.Empty);
        Assert.That(new ExportOptions { McDropoutKinds = ["dropout", "DROPPATH"] }.McSampling, Is.EqualTo(DropoutKinds.Dropout | DropoutKinds.DropPath));
        using var folder = new TempFolder();
        using var model = new Sequential(new Linear(2, 2));
        Assert.That(() => new Exporter(folder.Path, new OrtOnnxModelRunner()).Export(model, [2], options, new ExportSources()),
            Throws.InstanceOf<Harness.Core.UsageException>().With.Message.Contains("Export:Opset = 12"));
    }

    [Test]
    public void OnnxCheckerAcceptsBothGraphsOfEveryModelFamily()
    {
        var python = PythonTools.RequireOnnx();
        using var folder = new TempFolder();
        var paths = new List<string>();
        foreach (var data in Models())
        {
            var (kind, options, channels) = ((string)data.Arguments[0]!, (ModelOptions)data.Arguments[1]!, (int)data.Arguments[2]!);
            var built = Build(options, channels);
            using var owned = built.Module;
            // Opset 17 / IR 8: the newest Debian's python3-onnx 1.12 knows.
            var info = new OnnxModelInfo { Opset = 17 };
            foreach (var (suffix, proto) in new[]
                     {
                         ("", DeploymentExporter.Export(built.Module, built.InputShape, info)),
                         ("-unfolded", DeploymentExporter.Export(built.Module, built.InputShape, info, new GraphExportSettings { FoldBatchNorm = false })),
                         (".mc", McDropoutExporter.Export(built.Module, built.InputShape, info).Model),
                     })
            {
                var path = folder.File($"{kind}{suffix}.onnx");
                OnnxModelWriter.Write(proto, path);
                paths.Add(path);
            }
        }

        // One subprocess for all files; a checker failure fails the test with ONNX's message.
        var json = PythonTools.RunScript(python, "onnx_check.py", paths);
        var inferred = System.Text.Json.JsonDocument.Parse(json).RootElement;
        foreach (var path in paths)
        {
            var logits = inferred.GetProperty(path).GetProperty(DeploymentExporter.OutputName);
            Assert.That(logits.GetArrayLength(), Is.EqualTo(2), $"{path}: ONNX infers logits [batch, classes]");
            Assert.That(logits[1].GetInt32(), Is.EqualTo(4), $"{path}: 4 classes");
        }
    }

    private static BuiltModel Build(ModelOptions options, int channels)
    {
        Torch.ManualSeed(29);
        var built = ModelFactory.Create(options, channels, 8, 8, classes: 4);
        ExportTestSupport.Warm(built.Module, built.InputShape);
        return built;
    }

    /// <summary>Adds a constant to every output: a deployment graph that drifted from the trainer.</summary>
    private sealed class DriftingRunner(IOnnxModelRunner inner, float drift) : IOnnxModelRunner
    {
        public IReadOnlyList<float[]> Run(string modelPath, float[] input, long[] shape, int runs) =>
            inner.Run(modelPath, input, shape, runs).Select(o => o.Select(v => v + drift).ToArray()).ToArray();
    }

    /// <summary>Repeats the first run: an MC graph whose dropout was optimized away.</summary>
    private sealed class FrozenRunner(IOnnxModelRunner inner) : IOnnxModelRunner
    {
        public IReadOnlyList<float[]> Run(string modelPath, float[] input, long[] shape, int runs)
        {
            var first = inner.Run(modelPath, input, shape, 1)[0];
            return Enumerable.Repeat(first, runs).ToArray();
        }
    }
}
