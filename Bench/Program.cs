using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Harness.Bench;
using Harness.Bench.Ort;
using Harness.Core;

if (args.Length > 0 && args[0] == "game-loop")
{
    return StageRunner.Run("bench", [], (_, _) => Harness.Bench.GameLoop.GameLoopBenchmark.Run(args[1..]));
}

if (args.Length > 0 && args[0] == "binding-overhead")
{
    return StageRunner.Run("bench", [], (_, _) => Harness.Bench.Training.BindingOverhead.Run(args[1..]));
}

#region Regression gate: bench --save-baseline FILE | --baseline FILE --max-regression PCT
if (Harness.Bench.Gate.RegressionGate.Handles(args))
{
    return StageRunner.Run("bench", [], (_, _) => Harness.Bench.Gate.RegressionGate.Run(args));
}
#endregion

// `--model PATH` (ours, stripped before BenchmarkDotNet sees the arguments) sets the model for the ONNX Runtime
// benchmarks through an environment variable, which BenchmarkDotNet's child processes inherit.
var forwarded = new List<string>(args.Length);
for (var i = 0; i < args.Length; i++)
{
    if (args[i] == "--model")
    {
        if (i + 1 >= args.Length)
        {
            Console.Error.WriteLine("--model needs a path to an .onnx file.");
            return ExitCodes.UsageError;
        }

        Environment.SetEnvironmentVariable(OrtRunBenchmarks.ModelVariable, Path.GetFullPath(args[++i]));
    }
    else
    {
        forwarded.Add(args[i]);
    }
}

var model = OrtRunBenchmarks.ModelPath();
if (model is not null && !File.Exists(model))
{
    Console.Error.WriteLine($"Benchmark model not found: {model} (set {OrtRunBenchmarks.ModelVariable} or pass --model).");
    return ExitCodes.UsageError;
}

var summaries = BenchmarkSwitcher.FromAssembly(typeof(InferenceBenchConfig).Assembly).Run([.. forwarded], DefaultConfig.Instance);
return HasErrors(summaries) ? ExitCodes.CheckFailed : ExitCodes.Success;

// A run fails when any summary has validation errors or any benchmark did not build, run or measure.
static bool HasErrors(IEnumerable<Summary> summaries)
{
    var failed = false;
    foreach (var summary in summaries)
    {
        foreach (var error in summary.ValidationErrors)
        {
            Console.Error.WriteLine($"Benchmark validation error: {error.Message}");
            failed = true;
        }

        foreach (var report in summary.Reports)
        {
            if (!report.Success || report.ResultStatistics is null)
            {
                Console.Error.WriteLine($"Benchmark failed: {report.BenchmarkCase.DisplayInfo}");
                failed = true;
            }
        }

        if (summary.Reports.Length < summary.BenchmarksCases.Length)
        {
            Console.Error.WriteLine($"Benchmarks without a report in {summary.Title}.");
            failed = true;
        }
    }

    return failed;
}
