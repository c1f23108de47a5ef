using System.Text.Json;
using Harness.Core.Configuration;
using Harness.Core.Runs;
using Harness.Train.Configuration;
using Harness.Train.Training;
using NUnit.Framework;

namespace Harness.Tests.Train;

/// <summary>
/// The training job end to end on a small slice of Fashion-MNIST: every regularizer switched on at once, and
/// knowledge distillation from a teacher run folder. Checks the run folder's contract and that the numbers are sane.
/// </summary>
[TestFixture]
public sealed class TrainJobTests
{
    private string _root = "";

    [SetUp]
    public void MakeRoot()
    {
        Assume.That(File.Exists("/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz"), "Fashion-MNIST is installed by setup");
        _root = Path.Combine(Path.GetTempPath(), $"harness-trainjob-{Guid.NewGuid():N}");
    }

    [TearDown]
    public void RemoveRoot()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private string _log = "";

    private TrainResult Run(string name, params string[] overrides)
    {
        string[] args =
        [
            $"--Run:Root={_root}", $"--Run:Name={name}", "--Data:TrainSubset=512", "--Data:ValidationSize=256",
            "--Train:Epochs=3", "--Train:BatchSize=64", "--Train:Threads=1", "--Train:EvalTrainSamples=256",
            .. overrides,
        ];
        var (configuration, _) = HarnessConfiguration.Load(args);
        var settings = TrainingSettings.Bind(configuration);
        var log = new StringWriter();
        var result = TrainJob.Run(settings, configuration, new RunFolder(settings.Run.Folder), log);
        _log = log.ToString();
        TestContext.Out.WriteLine(_log);
        return result;
    }

    [Test]
    public void EveryRegularizerAtOnceTrainsAndFillsTheRunFolder()
    {
        var result = Run("everything",
            "--Model:Kind=cnn", "--Model:Channels:0=8", "--Model:Channels:1=16", "--Model:Channels:2=16", "--Model:Dropout2d=0.1",
            "--Optimizer:Kind=adam", "--Optimizer:LearningRate=0.01", "--Optimizer:WeightDecay=0.0001",
            "--Regularization:L1=0.0001", "--Regularization:L2=0.0001", "--Regularization:MaxNorm=3",
            "--Regularization:ClipGradValue=1", "--Regularization:GradientNoise=0.000001", "--Regularization:WeightNoise=0.001",
            "--Regularization:EarlyStoppingPatience=2", "--Schedule:Kind=step", "--Schedule:StepSize=1", "--Schedule:WarmupEpochs=0",
            "--Mix:MixupAlpha=0.2", "--Mix:Prob=1", "--Augment:Rotation=10", "--Augment:RandAugmentN=1");
        using var model = result.Model;

        Assert.That(result.Epochs, Has.Count.InRange(2, 3));
        Assert.That(result.Epochs[^1].TrainLoss, Is.LessThan(result.Epochs[0].TrainLoss - 0.05), "the loss goes down");
        Assert.That(result.Test.Accuracy, Is.GreaterThan(0.25), "well above chance (0.1) after 3 epochs of 512 heavily regularized images");
        Assert.That(result.Epochs.Select(e => e.GradNorm), Is.All.GreaterThan(0));
        foreach (var file in new[] { "config.json", "metrics.jsonl", "summary.json", "best.safetensors", "last.safetensors", "model.safetensors" })
        {
            Assert.That(File.Exists(Path.Combine(_root, "everything", file)), Is.True, file);
        }

        var metrics = File.ReadAllLines(Path.Combine(_root, "everything", "metrics.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.That(metrics.Select(m => m.GetProperty("lr").GetDouble()), Is.Ordered.Descending, "step decay every epoch");
        foreach (var key in new[] { "train_loss", "train_accuracy", "val_loss", "val_accuracy", "lr", "grad_norm", "samples_per_second", "seconds" })
        {
            Assert.That(metrics[0].TryGetProperty(key, out _), Is.True, key);
        }
    }

    [Test]
    public void StudentDistillsFromATeacherRunFolder()
    {
        using (var teacher = Run("teacher", "--Model:Kind=mlp", "--Model:Hidden:0=64").Model)
        {
        }

        var student = Run("student", "--Model:Kind=mlp", "--Model:Hidden:0=16", $"--Distillation:Teacher={Path.Combine(_root, "teacher")}",
            "--Distillation:Temperature=2", "--Distillation:Alpha=0.7");
        using var model = student.Model;
        Assert.That(student.Test.Accuracy, Is.GreaterThan(0.3));
        Assert.That(_log, Does.Contain($"teacher {Path.Combine(_root, "teacher")}"));
    }

    [Test]
    public void ATeacherWithoutItsConfigurationIsAUsageError()
    {
        Directory.CreateDirectory(_root);
        var checkpoint = Path.Combine(_root, "lonely.safetensors");
        File.WriteAllBytes(checkpoint, [0]);
        var error = Assert.Throws<Harness.Core.UsageException>(() => Run("student", $"--Distillation:Teacher={checkpoint}"));
        Assert.That(error!.Message, Does.Contain("config.json").And.Contain("Distillation:Self"));
    }
}
