using System.Diagnostics;
using Harness.Core;
using Harness.Core.Configuration;
using Harness.Infer.Checks;
using Harness.Infer.Uncertainty;
using Harness.Pipeline.Report;
using Harness.Pipeline.Stages;
using Harness.Train;
using Microsoft.Extensions.Configuration;

namespace Harness.Pipeline.Demo;

/// <summary>
/// The main job (<c>./harness demo</c>, profile <c>quick</c>): every stage in order on a small budget — train the image
/// model with the regularization stack, export both graphs, gate them, measure MC-dropout uncertainty in and out of
/// distribution, write the report — then a table of what each step gave. Exit 0 when every step passed, else the
/// worst step's code.
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

        var steps = new List<(string Name, Func<int> Body)>
        {
            ("train", () => TrainStage.Run(configuration)),
            ("export", () => ExportStage.Run(configuration, [])),
            ("check", () => CheckCommand.Run(configuration,
                [F("model.onnx"), "--probe", F("probe.safetensors"), "--mc", F("model.mc.onnx"), "--json", F("check.json"), "--junit", F("check.xml")])),
            ("uncertainty", () => UncertaintyStage.Run(configuration, [])),
            ("report", () => ReportStage.Run(configuration, [])),
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

        Console.WriteLine($"run folder: {folder}");
        Console.WriteLine($"report:     {F("report.html")}");
        return results.Max(r => r.Code);
    }
}
