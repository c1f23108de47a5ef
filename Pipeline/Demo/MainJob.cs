using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Harness.Core;
using Harness.Core.Configuration;
using Harness.Bench.Gate;
using Harness.Bench.GameLoop;
using Harness.Infer.Checks;
using Harness.Infer.Play;
using Harness.Infer.Uncertainty;
using Harness.Pipeline.Report;
using Harness.Pipeline.Stages;
using Harness.Train;
using Microsoft.Extensions.Configuration;

namespace Harness.Pipeline.Demo;

/// <summary>
/// The main job (<c>./harness demo</c>, profile <c>quick</c>): every stage in order on a small budget — train the image
/// model with the regularization stack, export both graphs, gate them, measure MC-dropout uncertainty in and out of
/// distribution; train the Sim policy (profile <c>policy</c>), export and gate it, play it against the expert and
/// random in and out of distribution, run the quick performance figures and a short game-loop benchmark; write the
/// report — then a table of what each step gave. Exit 0 when every step passed, else the worst step's code.
/// </summary>
public static class MainJob
{
    public static int Run(IConfigurationRoot configuration)
    {
        var binder = new OptionsBinder(configuration);
        var run = binder.Bind<RunOptions>("Run");
        binder.ThrowIfInvalid();
        var folder = run.Folder;
        string F(string name) => Path.Combine(folder, name);

        var policy = HarnessConfiguration.Load(["--Play:Episodes=4", "--Play:Replay=false"], defaultProfile: "policy").Configuration;
        var policyRun = new OptionsBinder(policy).Bind<RunOptions>("Run").Folder;
        string P(string name) => Path.Combine(policyRun, name);
        var bench = Path.Combine(Path.GetDirectoryName(folder)!, "bench");

        var steps = new List<(string Name, Func<int> Body)>
        {
            ("train", () => TrainStage.Run(configuration)),
            ("export", () => ExportStage.Run(configuration, [])),
            ("check", () => CheckCommand.Run(configuration,
                [F("model.onnx"), "--probe", F("probe.safetensors"), "--mc", F("model.mc.onnx"), "--json", F("check.json"), "--junit", F("check.xml")])),
            ("uncertainty", () => UncertaintyStage.Run(configuration, [])),
            ("policy", () => TrainStage.Run(policy)),
            ("policy-export", () => ExportStage.Run(policy, [])),
            ("policy-check", () => CheckCommand.Run(policy,
                [P("model.onnx"), "--probe", P("probe.safetensors"), "--mc", P("model.mc.onnx"), "--json", P("check.json")])),
            ("play", () => PlayStage.Run(policy, [])),
            ("bench", () => RegressionGate.Run(["--save-baseline", Path.Combine(bench, "quick-figures.json")])),
            ("game-loop", () => GameLoopBenchmark.Run(["--agents", "1,256,1024", "--seconds", "10", "--model", P("model.onnx"), "--out", bench])),
            ("report", () => ReportStage.Run(configuration, ["--play", policyRun])),
        };

        var results = new List<(string Name, int Code, double Seconds)>();
        foreach (var (name, body) in steps)
        {
            Console.WriteLine($"\n===== {name} =====");
            var clock = Stopwatch.StartNew();
            var code = body();
            results.Add((name, code, clock.Elapsed.TotalSeconds));
            if (code is ExitCodes.UsageError or Interruption.ExitCode)
            {
                break; // later steps need this one's files
            }
        }

        Console.WriteLine("\n===== main job =====");
        Console.WriteLine($"{"step",-12} {"result",-8} {"seconds",8}");
        foreach (var (name, code, seconds) in results)
        {
            Console.WriteLine($"{name,-12} {(code == 0 ? "ok" : $"exit {code}"),-8} {seconds,8:F1}");
        }

        PrintHeadline(F("summary.json"), F("check.json"));
        Console.WriteLine($"run folder: {folder}");
        Console.WriteLine($"report:     {F("report.html")}");
        return results.Max(r => r.Code);
    }

    /// <summary>The numbers a reader wants first: accuracy, trainer-vs-ORT parity, training speed, engine versions.</summary>
    private static void PrintHeadline(string summaryPath, string checkPath)
    {
        if (File.Exists(summaryPath))
        {
            using var summary = JsonDocument.Parse(File.ReadAllText(summaryPath));
            var s = summary.RootElement;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"test accuracy {s.GetProperty("test_accuracy").GetDouble():F4}, NLL {s.GetProperty("test_nll").GetDouble():F4}, " +
                $"ECE {s.GetProperty("test_ece").GetDouble():F4}; training {s.GetProperty("samples_per_second").GetDouble():F0} samples/s"));
        }

        if (File.Exists(checkPath))
        {
            using var check = JsonDocument.Parse(File.ReadAllText(checkPath));
            var parity = check.RootElement.GetProperty("checks").EnumerateArray()
                .FirstOrDefault(c => c.GetProperty("name").GetString() == "probe-parity");
            if (parity.ValueKind == JsonValueKind.Object)
            {
                Console.WriteLine($"trainer vs ONNX Runtime on the probe: {parity.GetProperty("message").GetString()}");
            }
        }

        Console.WriteLine($"libtorch {Harness.Train.Torch.Torch.Version}, ONNX Runtime {Harness.Infer.Ort.OrtRuntime.Version}");
    }
}
