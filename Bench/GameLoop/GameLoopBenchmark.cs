using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Text;
using System.Text.Json;
using Harness.Core;
using Harness.Core.Runs;
using Harness.Export.Exporting;
using Harness.Export.Onnx;
using Harness.Infer.Ort;
using Harness.Infer.Play;
using Harness.Sim;
using Harness.Train.Models;

namespace Harness.Bench.GameLoop;

/// <summary>
/// <c>bench game-loop</c>: N agents (1, 64, 256, 1024, 4096) in a Sim world driven by the exported MLP policy at a
/// fixed tick rate (60 Hz: sleep, then spin, to each tick's deadline). Each tick is the play stage's loop —
/// <see cref="World.ObserveAll"/> straight into the pinned ORT input, standardization in place, one ORT run, argmax,
/// <see cref="World.Step"/>. Per agent count: the inference time per tick (the ORT run; p50/p99/p99.9/max,
/// Stopwatch), the decision time (observe + standardize + run + argmax), ticks over
/// budget, GC collections and bytes allocated per tick in steady state (after warm-up), and the unthrottled tick
/// rate. Writes game-loop.json and game-loop.md.
/// </summary>
public static class GameLoopBenchmark
{
    public const string JsonFile = "game-loop.json";
    public const string MarkdownFile = "game-loop.md";

    /// <summary>The default policy run folder's model.</summary>
    public const string DefaultModel = "runs/policy/model.onnx";

    public static int Run(IReadOnlyList<string> args)
    {
        var options = GameLoopOptions.Parse(args);
        var report = Measure(options, Console.Error.WriteLine);
        var folder = Path.GetFullPath(Path.Combine(RepoPaths.Root, options.Out));
        Directory.CreateDirectory(folder);
        RunFolder.WriteAtomically(Path.Combine(folder, JsonFile), JsonSerializer.Serialize(report, new JsonSerializerOptions(RunFolder.Json)
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        }));
        var markdown = ToMarkdown(report);
        RunFolder.WriteAtomically(Path.Combine(folder, MarkdownFile), markdown);
        Console.WriteLine(markdown);
        Console.WriteLine($"wrote {Path.Combine(folder, JsonFile)} and {Path.Combine(folder, MarkdownFile)}");
        return ExitCodes.Success;
    }

    /// <summary>The whole report.</summary>
    public sealed record Report(
        string Model,
        string ModelSource,
        double Hz,
        double BudgetMs,
        double SecondsPerCount,
        int WarmupTicks,
        int IntraOpThreads,
        bool DryRun,
        string GcMode,
        int ProcessorCount,
        IReadOnlyList<GameLoopResult> Results);

    /// <summary>Runs every agent count.</summary>
    public static Report Measure(GameLoopOptions options, Action<string>? log = null)
    {
        var (modelBytes, modelPath, source) = LoadModel(options);
        var settings = OrtSessionSettings.Default with { IntraOpThreads = options.Threads };
        using var session = OrtSession.FromBytes(modelBytes, settings, modelPath);
        var model = PolicyModel.FromSession(session);
        var results = new List<GameLoopResult>();
        foreach (var agents in options.Agents)
        {
            var result = MeasureOne(agents, options, session, model);
            log?.Invoke(string.Create(CultureInfo.InvariantCulture,
                $"game-loop: {agents,5} agents: inference p50 {result.InferenceP50:F3} p99 {result.InferenceP99:F3} p99.9 {result.InferenceP999:F3} " +
                $"max {result.InferenceMax:F3} ms; over budget {result.TicksOverBudget}/{result.Ticks}; gen0 {result.Gen0}; " +
                $"{result.BytesPerTick:F1} B/tick; unthrottled {result.UnthrottledTicksPerSecond:F0} ticks/s"));
            results.Add(result);
        }

        return new Report(modelPath, source, options.Hz, options.Budget * 1000, options.Seconds, options.WarmupTicks, options.Threads,
            options.Ticks > 0, GCSettings.IsServerGC ? "server" : $"workstation, {GCSettings.LatencyMode}", Environment.ProcessorCount, results);
    }

    private static GameLoopResult MeasureOne(int agents, GameLoopOptions options, OrtSession session, PolicyModel model)
    {
        var dry = options.Ticks > 0;
        var budget = (long)Math.Round(options.Budget * Stopwatch.Frequency);
        var throttledTicks = dry ? options.Ticks : (int)Math.Ceiling(options.Seconds * options.Hz);
        var sim = new SimOptions { Agents = agents, EpisodeTicks = 1_000_000 };
        var world = World.Create(sim, 1234);
        var loop = new AgentLoop(world);
        using var brain = new OnnxBrain(session, model, agents);
        var inference = new long[throttledTicks];
        var decide = new long[throttledTicks];
        var work = new long[throttledTicks];

        for (var t = 0; t < (dry ? 2 : options.WarmupTicks); t++)
        {
            loop.Tick(brain);
        }

        var gen0 = GC.CollectionCount(0);
        var gen1 = GC.CollectionCount(1);
        var gen2 = GC.CollectionCount(2);
        var bytes = GC.GetAllocatedBytesForCurrentThread();
        var overBudget = 0;
        var late = 0;
        var start = Stopwatch.GetTimestamp();
        var deadline = start;
        for (var t = 0; t < throttledTicks; t++)
        {
            var begin = Stopwatch.GetTimestamp();
            if (begin - deadline > budget)
            {
                late++;
            }

            loop.Tick(brain);
            var end = Stopwatch.GetTimestamp();
            inference[t] = brain.LastRunTicks;
            decide[t] = loop.LastDecideTicks;
            work[t] = end - begin;
            if (work[t] > budget)
            {
                overBudget++;
            }

            deadline += budget;
            if (!dry)
            {
                WaitUntil(deadline);
            }
        }

        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        var allocated = GC.GetAllocatedBytesForCurrentThread() - bytes;
        var collections = (GC.CollectionCount(0) - gen0, GC.CollectionCount(1) - gen1, GC.CollectionCount(2) - gen2);

        var unthrottled = 0;
        var clock = Stopwatch.StartNew();
        while (dry ? unthrottled < options.Ticks : clock.Elapsed.TotalSeconds < options.UnthrottledSeconds)
        {
            if (world.IsDone)
            {
                world.Reset(); // a fast small world can outrun one episode in the unthrottled phase
            }

            loop.Tick(brain);
            unthrottled++;
        }

        var rate = unthrottled / Math.Max(clock.Elapsed.TotalSeconds, 1e-9);
        Array.Sort(inference);
        Array.Sort(decide);
        Array.Sort(work);
        double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
        long Q(long[] sorted, double q) => PlayRunner.Percentile(sorted, sorted.Length, q);
        return new GameLoopResult(agents, throttledTicks, Ms(Q(inference, 0.5)), Ms(Q(inference, 0.99)), Ms(Q(inference, 0.999)),
            Ms(inference[^1]), Ms(Q(decide, 0.5)), Ms(Q(decide, 0.99)), Ms(Q(work, 0.99)), Ms(work[^1]), overBudget, late, collections.Item1, collections.Item2, collections.Item3,
            (double)allocated / throttledTicks, rate, seconds);
    }

    /// <summary>Sleeps while more than 2 ms remain, then spins (yielding) to the deadline.</summary>
    private static void WaitUntil(long deadline)
    {
        var twoMs = Stopwatch.Frequency / 500;
        while (deadline - Stopwatch.GetTimestamp() > twoMs)
        {
            Thread.Sleep(1);
        }

        var spinner = default(SpinWait);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            spinner.SpinOnce(sleep1Threshold: -1);
        }
    }

    /// <summary>The policy bytes: --model, else runs/policy/model.onnx, else a seeded untrained MLP exported here.</summary>
    public static (byte[] Bytes, string Path, string Source) LoadModel(GameLoopOptions options)
    {
        var path = options.Model ?? Path.Combine(RepoPaths.Root, DefaultModel);
        if (File.Exists(path))
        {
            return (File.ReadAllBytes(path), Path.GetFullPath(path), options.Model is null ? "the trained policy (runs/policy)" : "--model");
        }

        if (options.Model is not null)
        {
            throw new UsageException($"--model {options.Model}: no such file.");
        }

        return (SeededPolicy(), "<seeded MLP 116→256→256→5>", "seeded untrained MLP of the policy's shape (no runs/policy/model.onnx)");
    }

    /// <summary>
    /// The policy profile's architecture (116 → 256 → ReLU → 256 → ReLU → 5, dropout removed) with seeded untrained
    /// weights and identity standardization: latency does not depend on what the weights learned.
    /// </summary>
    public static byte[] SeededPolicy(int[]? hidden = null)
    {
        Harness.Train.Torch.Torch.ManualSeed(1);
        using var mlp = Mlp.Create(Observation.Size, hidden ?? [256, 256], AgentActions.Count, batchNorm: false, dropout: 0.1);
        mlp.Eval();
        var info = ExportMetadata.Create(OnnxVersions.DefaultOpset, new ExportSources
        {
            ClassNames = AgentActions.Names,
            NormalizationFormula = ExportSources.FeatureFormula,
            NormalizationMean = new float[Observation.Size],
            NormalizationStd = Enumerable.Repeat(1f, Observation.Size).ToArray(),
            RecipeSummary = "seeded, untrained (game-loop benchmark)",
        }, GraphExportSettings.Default, mc: null);
        return OnnxModelWriter.ToBytes(DeploymentExporter.Export(mlp, [Observation.Size], info));
    }

    public static string ToMarkdown(Report report)
    {
        var c = CultureInfo.InvariantCulture;
        var md = new StringBuilder();
        md.AppendLine("# Game-loop benchmark").AppendLine();
        md.AppendLine(c, $"- model: `{report.Model}` ({report.ModelSource}); ORT intra-op threads {report.IntraOpThreads}; {report.ProcessorCount} cores; GC {report.GcMode}");
        md.AppendLine(c, $"- {report.Hz:G} Hz (budget {report.BudgetMs:F2} ms per tick), {report.SecondsPerCount:G} s per agent count after {report.WarmupTicks} warm-up ticks{(report.DryRun ? " — DRY RUN (a few ticks, numbers meaningless)" : "")}");
        md.AppendLine("- inference = the one ORT run over all agents; decide = observe every agent into the pinned batch (ray casts) + standardize + inference + argmax; tick = decide + World.Step");
        md.AppendLine();
        md.AppendLine("| agents | ticks | inference p50 ms | p99 | p99.9 | max | decide p50 / p99 ms | tick p99 ms | tick max | over budget | late | gen0/1/2 | bytes/tick | unthrottled ticks/s |");
        md.AppendLine("|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var r in report.Results)
        {
            md.AppendLine(c, $"| {r.Agents} | {r.Ticks} | {r.InferenceP50:F3} | {r.InferenceP99:F3} | {r.InferenceP999:F3} | {r.InferenceMax:F3} | {r.DecideP50:F3} / {r.DecideP99:F3} | " +
                             $"{r.TickP99:F3} | {r.TickMax:F3} | {r.TicksOverBudget} | {r.LateTicks} | {r.Gen0}/{r.Gen1}/{r.Gen2} | {r.BytesPerTick:F1} | {r.UnthrottledTicksPerSecond:F0} |");
        }

        return md.ToString();
    }
}
