using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Harness.Core;
using Harness.Core.Runs;

namespace Harness.Bench.Training;

/// <summary>
/// <c>bench binding-overhead</c>: times the same training step (batch 128, forward + cross-entropy + backward +
/// AdamW + reading the loss) through our C# binding and in libtorch alone (the C++ baseline, built on demand with
/// CMake against the same libtorch), with the same warm-up and step count, and reports samples/s and their ratio.
/// </summary>
public static class BindingOverhead
{
    private const int Warmup = 5;

    public static int Run(IReadOnlyList<string> args)
    {
        var steps = new Dictionary<string, int> { ["mlp"] = 300, ["cnn"] = 20 };
        var threads = args.Count > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : Environment.ProcessorCount;
        var baseline = BuildBaseline();
        var rows = new List<object>();
        Console.WriteLine($"| model | threads | C# binding samples/s | libtorch C++ samples/s | binding / C++ |");
        Console.WriteLine("|---|--:|--:|--:|--:|");
        foreach (var (kind, count) in steps)
        {
            Harness.Train.Torch.Torch.Threads = threads;
            double managed;
            using (var step = new TrainStep(kind, 128))
            {
                for (var i = 0; i < Warmup; i++)
                {
                    step.Run();
                }

                var clock = Stopwatch.StartNew();
                for (var i = 0; i < count; i++)
                {
                    step.Run();
                }

                managed = 128.0 * count / clock.Elapsed.TotalSeconds;
            }

            var native = RunBaseline(baseline, kind, count, threads);
            rows.Add(new { model = kind, threads, binding_samples_per_second = managed, libtorch_samples_per_second = native, ratio = managed / native });
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {kind} | {threads} | {managed:F0} | {native:F0} | {managed / native:F2} |"));
        }

        var output = Path.Combine(RepoPaths.Root, "runs", "bench");
        Directory.CreateDirectory(output);
        RunFolder.WriteAtomically(Path.Combine(output, "binding-overhead.json"), JsonSerializer.Serialize(rows, RunFolder.Json));
        return ExitCodes.Success;
    }

    private static string BuildBaseline()
    {
        var build = Path.Combine(RepoPaths.NativeDir, "baseline");
        var exe = Path.Combine(build, "train_step_baseline");
        Exec("cmake", $"-S \"{Path.Combine(RepoPaths.Root, "Bench", "LibtorchBaseline")}\" -B \"{build}\" -DCMAKE_BUILD_TYPE=Release");
        Exec("cmake", $"--build \"{build}\" -j{Environment.ProcessorCount}");
        return exe;
    }

    private static double RunBaseline(string exe, string kind, int steps, int threads)
    {
        var output = Exec(exe, $"{kind} 128 {steps} {threads}");
        using var json = JsonDocument.Parse(output.Trim().Split('\n')[^1]);
        return json.RootElement.GetProperty("samples_per_second").GetDouble();
    }

    private static string Exec(string file, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })
            ?? throw new UsageException($"cannot start {file}");
        var stdout = process.StandardOutput.ReadToEnd();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new UsageException($"{file} {arguments} failed ({process.ExitCode}): {stderr.Trim()}");
        }

        return stdout;
    }
}
