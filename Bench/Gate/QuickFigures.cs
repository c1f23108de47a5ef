using System.Diagnostics;
using System.Globalization;
using Harness.Bench.Training;
using Harness.Core;
using Harness.Infer.Ort;
using Harness.Infer.Uncertainty;

namespace Harness.Bench.Gate;

/// <summary>
/// The small, fast set of figures the regression gate tracks, measured in process with <see cref="QuickTimer"/>
/// (about half a minute with the default timer): ORT Run of the skeleton MLP at batch 1, 32 and 256 (one intra-op
/// thread); MC dropout at batch 1 with T = 30 for the MLP and the CNN of <see cref="BenchModels.McModel"/> — the naive
/// loop, the prefix-shared tiled graph, their ratio (and the plain tiled graph for the MLP); training-step throughput
/// of the MLP (batch 128, one libtorch thread).
/// </summary>
public static class QuickFigures
{
    private const int Seed = 20240504;
    private const int McPasses = 30;
    private const int TrainBatch = 128;

    /// <summary>The ORT batch sizes tracked.</summary>
    public static IReadOnlyList<int> OrtBatches { get; } = [1, 32, 256];

    /// <summary>Measures every figure; <paramref name="log"/> receives one line per figure as it is measured.</summary>
    public static IReadOnlyList<GateFigure> Measure(QuickTimer timer, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(timer);
        var figures = new List<GateFigure>();
        void Add(GateFigure figure)
        {
            figures.Add(figure);
            log?.Invoke(string.Create(CultureInfo.InvariantCulture, $"  {figure.Name} = {figure.Value:0.###} {figure.Unit}"));
        }

        var mlp = BenchModels.FashionMlp();
        using (var session = OrtSession.FromBytes(mlp, description: "skeleton MLP"))
        {
            foreach (var batch in OrtBatches)
            {
                using var runner = new OrtRunner(session, batch);
                Fill(runner.Input(0));
                Add(new GateFigure($"ort.mlp.b{batch}.run_us", Micro(timer.MedianSeconds(runner.Run)), "us", Better.Lower,
                    $"OrtRunner.Run of the skeleton MLP, batch {batch}, 1 intra-op thread (median time per run)"));
            }
        }

        foreach (var kind in new[] { BenchModels.Mlp, BenchModels.Cnn })
        {
            var (plain, shared, sampleShape) = BenchModels.McGraphs(kind);
            var input = new float[sampleShape.Aggregate(1, (a, d) => a * (int)d)];
            Fill(input);
            var logits = new float[McPasses * 10];
            using var plainSession = OrtSession.FromBytes(plain, description: $"MC {kind}");
            using var sharedSession = OrtSession.FromBytes(shared, description: $"MC {kind}, prefix shared");
            using var plainRunner = new McPassRunner(plainSession);
            using var sharedRunner = new McPassRunner(sharedSession);
            double Mc(McPassRunner runner, McExecutionMode mode) => timer.MedianSeconds(() => runner.Run(input, 1, McPasses, mode, logits));

            // Loop and shared runs alternate, so their ratio compares them under the same load.
            var (loop, sharedTiled, speedup) = timer.MedianRatio(
                () => plainRunner.Run(input, 1, McPasses, McExecutionMode.Loop, logits),
                () => sharedRunner.Run(input, 1, McPasses, McExecutionMode.Tiled, logits));
            if (kind == BenchModels.Mlp)
            {
                // The plain tiled graph is tracked for the MLP only: for the CNN it costs as much as the loop.
                Add(new GateFigure("mc.mlp.b1.t30.tiled_us", Micro(Mc(plainRunner, McExecutionMode.Tiled)), "us", Better.Lower,
                    "MC MLP, batch 1, T = 30: plain graph, one tiled run"));
            }

            Add(new GateFigure($"mc.{kind}.b1.t30.loop_us", Micro(loop), "us", Better.Lower, $"MC {kind}, batch 1, T = 30: 30 separate runs"));
            Add(new GateFigure($"mc.{kind}.b1.t30.shared_tiled_us", Micro(sharedTiled), "us", Better.Lower,
                $"MC {kind}, batch 1, T = 30: prefix-shared graph, one tiled run"));
            Add(new GateFigure($"mc.{kind}.b1.t30.shared_speedup", speedup, "x", Better.Higher,
                $"MC {kind}: 30 separate runs / prefix-shared tiled run, median of interleaved repetitions (issue 4 target for the MLP: >= 5)"));
        }

        var threads = Harness.Train.Torch.Torch.Threads;
        try
        {
            Harness.Train.Torch.Torch.Threads = 1;
            using var step = new TrainStep("mlp", TrainBatch);
            var seconds = timer.MedianSeconds(() => step.Run());
            Add(new GateFigure("train.mlp.b128.samples_per_s", TrainBatch / seconds, "samples/s", Better.Higher,
                "training step of the skeleton MLP (forward, cross-entropy, backward, AdamW), batch 128, 1 libtorch thread"));
        }
        finally
        {
            Harness.Train.Torch.Torch.Threads = threads;
        }

        return figures;
    }

    /// <summary>Where and on what the figures are measured now.</summary>
    public static GateMetadata Describe(QuickTimer timer, double[]? loadBefore) => new()
    {
        Machine = Environment.MachineName,
        Os = System.Runtime.InteropServices.RuntimeInformation.OSDescription,
        Cores = Environment.ProcessorCount,
        LoadAverage = loadBefore,
        LoadAverageAfter = LoadAverage(),
        OrtVersion = OrtRuntime.Version,
        TorchVersion = Harness.Train.Torch.Torch.Version,
        DotNetVersion = Environment.Version.ToString(),
        GitCommit = GitCommit(),
        MeasuredAt = DateTimeOffset.UtcNow,
        Repetitions = timer.Repetitions,
    };

    /// <summary>The 1-, 5- and 15-minute load averages from /proc/loadavg, or null where there is none.</summary>
    public static double[]? LoadAverage()
    {
        try
        {
            var fields = File.ReadAllText("/proc/loadavg").Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return fields.Take(3).Select(f => double.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    private static string? GitCommit()
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", ["-C", RepoPaths.Root, "rev-parse", "HEAD"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            });
            if (git is null)
            {
                return null;
            }

            var output = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return git.ExitCode == 0 && output.Length > 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // no git on this machine
        }
    }

    private static double Micro(double seconds) => seconds * 1e6;

    private static void Fill(Span<float> buffer)
    {
        var random = new Random(Seed);
        for (var i = 0; i < buffer.Length; i++)
        {
            buffer[i] = (float)(random.NextDouble() * 2 - 1);
        }
    }
}
