using System.Diagnostics;
using System.Text.Json;
using System.Xml.Linq;
using Harness.Export.Onnx;
using Harness.Tests.Export;
using NUnit.Framework;
using DataType = Harness.Export.Onnx.Proto.TensorProto.Types.DataType;

namespace Harness.Tests.Infer.Gate;

/// <summary>
/// The `check` stage end to end, as CI runs it: the Infer executable in a child process, its exit code (0 pass /
/// 1 a check failed / 2 unusable input or usage), its table on a redirected stdout, its JSON and JUnit reports.
/// </summary>
[TestFixture]
public sealed class CheckCommandTests
{
    private TempFolder _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = new TempFolder();

    [TearDown]
    public void DeleteFolder() => _folder.Dispose();

    [Test]
    public void GoodModelExitsZeroAndReportsEveryCheck()
    {
        var good = GateModels.Get(GateModels.TorchMlp);
        var mc = _folder.File("model.mc.onnx");
        OnnxModelWriter.Write(good.Mc, mc);
        var (json, junit) = (_folder.File("report.json"), _folder.File("report.xml"));
        var model = Path.Combine(GateModels.Folder, "torch_mlp.onnx");
        var probe = Path.Combine(GateModels.Folder, "torch_mlp.safetensors");

        var (exit, stdout, stderr) = Check(model, "--probe", probe, "--mc", mc, "--json", json, "--junit", junit);

        Assert.That(exit, Is.EqualTo(0), stdout + stderr);
        Assert.That(stdout, Does.Contain("PASS: 8 passed, 0 skipped"));
        Assert.That(stdout, Does.Not.Contain("\u001b"), "no ANSI escape codes in a redirected log");

        using var report = JsonDocument.Parse(File.ReadAllText(json));
        var root = report.RootElement;
        Assert.That(root.GetProperty("passed").GetBoolean(), Is.True);
        Assert.That(root.GetProperty("model").GetString(), Is.EqualTo(model));
        Assert.That(root.GetProperty("mc_model").GetString(), Is.EqualTo(mc));
        Assert.That(root.GetProperty("inputs").GetString(), Does.Contain("16 probe samples"));
        var checks = root.GetProperty("checks").EnumerateArray().ToList();
        Assert.That(checks.Select(c => c.GetProperty("name").GetString()), Is.EqualTo(new[]
        {
            "determinism", "batch-independence", "graph-lint", "probe-parity", "mc-sampling", "mc-mean", "mc-graph-lint",
            "mc-running-statistics",
        }));
        Assert.That(checks.Select(c => c.GetProperty("status").GetString()), Is.All.EqualTo("pass"));
        Assert.That(checks.Single(c => c.GetProperty("name").GetString() == "probe-parity")
            .GetProperty("evidence").GetProperty("max_abs_difference").GetDouble(), Is.LessThan(1e-4));

        var suite = XDocument.Load(junit).Root!.Element("testsuite")!;
        Assert.That(suite.Attribute("tests")!.Value, Is.EqualTo("8"));
        Assert.That(suite.Attribute("failures")!.Value, Is.EqualTo("0"));
        Assert.That(suite.Elements("testcase").Select(t => t.Attribute("name")!.Value), Does.Contain("mc-running-statistics"));
        Assert.That(suite.Descendants("failure"), Is.Empty);
    }

    [Test]
    public void TrainModeExportExitsOneAndNamesTheFailingChecks()
    {
        var (json, junit) = (_folder.File("report.json"), _folder.File("report.xml"));

        var (exit, stdout, stderr) = Check(GateModels.TorchMlpTrainMode, "--json", json, "--junit", junit);

        Assert.That(exit, Is.EqualTo(1), stdout + stderr);
        Assert.That(stdout, Does.Contain("FAIL: 2 failed (batch-independence, graph-lint)"));
        Assert.That(stdout, Does.Not.Contain("\u001b"));

        using var report = JsonDocument.Parse(File.ReadAllText(json));
        Assert.That(report.RootElement.GetProperty("passed").GetBoolean(), Is.False);
        var failed = report.RootElement.GetProperty("checks").EnumerateArray()
            .Where(c => c.GetProperty("status").GetString() == "fail").ToList();
        Assert.That(failed.Select(c => c.GetProperty("name").GetString()), Is.EqualTo(new[] { "batch-independence", "graph-lint" }));
        Assert.That(failed[0].GetProperty("evidence").GetProperty("max_abs_difference").GetDouble(), Is.GreaterThan(0.1));
        Assert.That(failed[1].GetProperty("evidence").GetProperty("problem_count").GetInt32(), Is.EqualTo(6));

        var suite = XDocument.Load(junit).Root!.Element("testsuite")!;
        Assert.That(suite.Attribute("failures")!.Value, Is.EqualTo("2"));
        Assert.That(suite.Attribute("skipped")!.Value, Is.EqualTo("5"));
        var failure = suite.Elements("testcase").Single(t => t.Attribute("name")!.Value == "batch-independence").Element("failure");
        Assert.That(failure?.Attribute("message")?.Value, Does.Contain("worst |batched − alone|"));
        Assert.That(suite.Elements("testcase").Single(t => t.Attribute("name")!.Value == "probe-parity").Element("skipped"), Is.Not.Null);
    }

    [Test]
    public void UnusableInputExitsTwo()
    {
        var garbage = _folder.File("garbage.onnx");
        File.WriteAllText(garbage, "this is not a protobuf model at all");
        var integerInput = _folder.File("int64_input.onnx");
        OnnxModelWriter.Write(IntegerInputModel(), integerInput);
        var model = Path.Combine(GateModels.Folder, "torch_mlp.onnx");
        var wrongProbe = Path.Combine(GateModels.Folder, "torch_regressor.safetensors");

        AssertUnusable(Check(_folder.File("missing.onnx")), "Model not found");
        AssertUnusable(Check(garbage), "is not an ONNX model");
        AssertUnusable(Check(integerInput), "is not float32");
        AssertUnusable(Check(model, "--probe", wrongProbe), "probe samples are [6]");
        AssertUnusable(Check(), "no model given");
        AssertUnusable(Check(model, "--json"), "--json needs a path");
        AssertUnusable(Check(model, "--bogus"), "unexpected argument '--bogus'");
    }

    private static void AssertUnusable((int Exit, string Stdout, string Stderr) run, string reason)
    {
        Assert.That(run.Exit, Is.EqualTo(2), run.Stdout + run.Stderr);
        Assert.That(run.Stderr, Does.Contain("check: error:").And.Contain(reason));
    }

    /// <summary>ids (int64 [batch, 3]) → Cast → float output: a model the gate cannot feed.</summary>
    private static Harness.Export.Onnx.Proto.ModelProto IntegerInputModel()
    {
        var graph = new OnnxGraphBuilder("int64_input");
        var ids = graph.AddInput("ids", ["batch", 3], DataType.Int64);
        graph.AddNode("Cast", [ids], ["output"], [OnnxAttributes.Int("to", (long)DataType.Float)]);
        graph.AddOutput("output", ["batch", 3], DataType.Float);
        return OnnxModelWriter.CreateModel(graph.Build(), new OnnxModelInfo());
    }

    private static (int Exit, string Stdout, string Stderr) Check(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            Environment = { ["HARNESS__Infer__IntraOpThreads"] = "1" },
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Harness.Infer.dll"));
        start.ArgumentList.Add("check");
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(60_000))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"check {string.Join(' ', arguments)} did not finish within 60 s");
        }

        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
