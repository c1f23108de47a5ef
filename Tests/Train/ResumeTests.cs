using System.Diagnostics;
using System.Text.Json;
using NUnit.Framework;

namespace Harness.Tests.Train;

/// <summary>
/// A run killed abruptly after an epoch and started again with the same command resumes from its last checkpoint
/// and ends bit for bit where an uninterrupted run ends (same seed). Runs the train stage in child processes on a
/// small slice of Fashion-MNIST with augmentation, mixing, dropout, BatchNorm and EMA on.
/// </summary>
[TestFixture]
public sealed class ResumeTests
{
    private string _root = "";

    [SetUp]
    public void MakeRoot()
    {
        Assume.That(File.Exists("/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz"), "Fashion-MNIST is installed by setup");
        _root = Path.Combine(Path.GetTempPath(), $"harness-resume-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_root);
    }

    [TearDown]
    public void RemoveRoot() => Directory.Delete(_root, recursive: true);

    [Test]
    public void KilledRunResumesToTheSameFinalWeightsAndMetrics()
    {
        var (code, _) = Train("uninterrupted", fault: null);
        Assert.That(code, Is.EqualTo(0));

        var (crashed, _) = Train("interrupted", fault: 2);
        Assert.That(crashed, Is.Not.EqualTo(0), "the injected fault ends the process abruptly");
        Assert.That(File.Exists(Path.Combine(_root, "interrupted", "last.safetensors")), Is.True);
        Assert.That(File.Exists(Path.Combine(_root, "interrupted", "summary.json")), Is.False, "the run did not finish");

        var (resumed, output) = Train("interrupted", fault: null);
        Assert.That(resumed, Is.EqualTo(0), output);
        Assert.That(output, Does.Contain("resumed from").And.Contain("after epoch 2"));
        Assert.That(output, Does.Not.Contain("epoch 1:"), "epochs done before the crash are not trained again");

        Assert.That(File.ReadAllBytes(Path.Combine(_root, "interrupted", "model.safetensors")),
            Is.EqualTo(File.ReadAllBytes(Path.Combine(_root, "uninterrupted", "model.safetensors"))), "final weights");
        Assert.That(Metrics("interrupted"), Is.EqualTo(Metrics("uninterrupted")), "test metrics");
        Assert.That(File.ReadAllLines(Path.Combine(_root, "interrupted", "metrics.jsonl")), Has.Length.EqualTo(4));
    }

    [Test]
    public void ResumingWithAnotherConfigurationIsRefused()
    {
        var (crashed, _) = Train("changed", fault: 1);
        Assert.That(crashed, Is.Not.EqualTo(0));
        var (code, output) = Train("changed", fault: null, "--Optimizer:LearningRate=0.05");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(output, Does.Contain("Optimizer:LearningRate").And.Contain("--Train:Resume=false"));
    }

    private (double, double, double) Metrics(string run)
    {
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(_root, run, "summary.json")));
        var r = summary.RootElement;
        return (r.GetProperty("test_accuracy").GetDouble(), r.GetProperty("test_nll").GetDouble(), r.GetProperty("train_accuracy").GetDouble());
    }

    private (int ExitCode, string Output) Train(string name, int? fault, params string[] extra)
    {
        string[] args =
        [
            Path.Combine(AppContext.BaseDirectory, "Harness.Train.dll"),
            $"--Run:Root={_root}", $"--Run:Name={name}", "--Data:TrainSubset=600", "--Data:ValidationSize=200",
            "--Train:Epochs=4", "--Train:BatchSize=64", "--Train:Threads=1", "--Train:EvalTrainSamples=200",
            "--Model:Kind=mlp", "--Model:Hidden:0=32", "--Model:Dropout=0.2", "--Regularization:EmaDecay=0.9",
            "--Regularization:EarlyStoppingPatience=0", "--Mix:Prob=0.5", "--Data:LoaderWorkers=2",
            .. extra,
        ];
        var start = new ProcessStartInfo("dotnet", args) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["HARNESS_FAULT_AFTER_EPOCH"] = fault?.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.That(process.WaitForExit(120_000), Is.True, "the run finishes");
        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
