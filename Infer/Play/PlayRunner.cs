using System.Diagnostics;
using Harness.Infer.Ort;
using Harness.Sim;
using Harness.Sim.Replays;

namespace Harness.Infer.Play;

/// <summary>
/// Plays episodes for every policy — expert, random, learned (deployment graph), and with the MC graph learned-mc
/// (MC mean, no fallback) and learned+fallback (expert above the MI threshold) — in distribution and under each
/// configured shift, every policy on the same episode seeds, and collects scores, fallback rates, MI quantiles and
/// per-tick brain times.
/// </summary>
public static class PlayRunner
{
    public const string Expert = "expert";
    public const string Random = "random";
    public const string Learned = "learned";
    public const string LearnedMc = "learned-mc";
    public const string Fallback = "learned+fallback";

    /// <summary>The action selection every learned mode uses (reported).</summary>
    public const string ActionSelection = "argmax (greedy) of the logits; MC modes: argmax of the mean softmax of the passes";

    /// <summary>Runs everything; <paramref name="replayFolder"/> null saves no replays.</summary>
    public static PlayReport Run(PlayOptions options, SimOptions inDistribution, string modelPath, string? mcModelPath,
        OrtSessionSettings? settings = null, string? replayFolder = null, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(inDistribution);
        var baseline = inDistribution with { Agents = options.Agents };
        baseline.ThrowIfInvalid();
        using var session = OrtSession.Open(modelPath, settings);
        var model = PolicyModel.FromSession(session);
        string? mcSkip = null;
        OrtSession? mcSession = null;
        if (mcModelPath is null || !File.Exists(mcModelPath))
        {
            mcSkip = $"no MC-dropout graph ({mcModelPath ?? "none given"}): the model has no dropout, or it was not exported";
        }
        else
        {
            mcSession = OrtSession.Open(mcModelPath, settings);
            PolicyModel.RequireShape(mcSession);
        }

        try
        {
            var conditions = new List<(string Name, SimOptions Sim)> { ("in-distribution", baseline) };
            conditions.AddRange(options.Shifts.Select(s => (s.Trim().ToLowerInvariant(), PlayShift.Apply(baseline, s, options))));
            var replays = new List<string>();
            var results = new List<DistributionResult>();
            foreach (var (name, sim) in conditions)
            {
                log?.Invoke($"{name} ({PlayShift.Describe(sim)}): {options.Episodes} episodes × {sim.Agents} agents × {sim.EpisodeTicks} ticks per policy");
                results.Add(RunCondition(name, sim, options, session, model, mcSession, replayFolder, replays, log));
            }

            return new PlayReport(Path.GetFullPath(modelPath), mcSession is null ? null : Path.GetFullPath(mcModelPath!), mcSkip,
                options.Agents, options.Episodes, baseline.EpisodeTicks, options.DecisionPeriod, options.MiThreshold, options.MiPasses,
                ActionSelection, options.Seed, results, replays);
        }
        finally
        {
            mcSession?.Dispose();
        }
    }

    private static DistributionResult RunCondition(string name, SimOptions sim, PlayOptions options, OrtSession session,
        PolicyModel model, OrtSession? mcSession, string? replayFolder, List<string> replays, Action<string>? log)
    {
        var seeds = Enumerable.Range(0, options.Episodes).Select(e => SimRandom.Derive((ulong)options.Seed, (ulong)e)).ToArray();
        var world = World.Create(sim, seeds[0]);
        var loop = new AgentLoop(world, options.DecisionPeriod);
        var capacity = loop.MaxDecidingAgents;
        var policies = new List<PolicyResult>();
        var inDistribution = sim.IsInDistribution;

        policies.Add(Play(loop, new ExpertBrain(), seeds, null, null));
        policies.Add(Play(loop, new RandomBrain((ulong)options.Seed), seeds, null, null));
        using (var learned = new OnnxBrain(session, model, capacity))
        {
            var replay = replayFolder is not null && options.Replay && inDistribution ? ReplayPath(replayFolder, Learned, name) : null;
            policies.Add(Play(loop, learned, seeds, null, replay, options.ReplayFrameStep));
            AddReplay(replays, replay);
        }

        if (mcSession is not null)
        {
            using (var mc = new McFallbackBrain(mcSession, model, capacity, options.MiPasses, double.PositiveInfinity, LearnedMc))
            {
                policies.Add(Play(loop, mc, seeds, mc, null));
            }

            using var fallback = new McFallbackBrain(mcSession, model, capacity, options.MiPasses, options.MiThreshold, Fallback);
            var replay = replayFolder is not null && options.Replay && !inDistribution ? ReplayPath(replayFolder, "fallback", name) : null;
            policies.Add(Play(loop, fallback, seeds, fallback, replay, options.ReplayFrameStep));
            AddReplay(replays, replay);
        }

        foreach (var p in policies)
        {
            log?.Invoke($"  {p.Policy,-17} {p.Mean,8:F3} ± {p.Ci95:F3}" +
                        (p.FallbackRate is { } r ? $"  fallback {r:P1}" : "") + $"  decide p50 {p.DecideMsP50:F3} ms p99 {p.DecideMsP99:F3} ms");
        }

        var comparisons = new List<PairedComparison>();
        void Compare(string a, string b)
        {
            var pa = policies.FirstOrDefault(p => p.Policy == a);
            var pb = policies.FirstOrDefault(p => p.Policy == b);
            if (pa is not null && pb is not null)
            {
                var diff = pa.EpisodeScores.Zip(pb.EpisodeScores, (x, y) => x - y).ToArray();
                comparisons.Add(new PairedComparison(a, b, diff.Average(), Ci95(diff)));
            }
        }

        Compare(Learned, Expert);
        Compare(Learned, Random);
        Compare(LearnedMc, Learned);
        Compare(Fallback, Learned);
        Compare(Fallback, LearnedMc);
        return new DistributionResult(name, PlayShift.Describe(sim), policies, comparisons);
    }

    /// <summary>Plays every episode seed with <paramref name="brain"/>; the world is reset to each seed first.</summary>
    public static PolicyResult Play(AgentLoop loop, IAgentBrain brain, IReadOnlyList<ulong> seeds, McFallbackBrain? mc,
        string? replayPath, int frameStep = 2)
    {
        ArgumentNullException.ThrowIfNull(loop);
        ArgumentNullException.ThrowIfNull(brain);
        var world = loop.World;
        var times = new long[seeds.Count * world.EpisodeTicks];
        var scores = new double[seeds.Count];
        double pickups = 0, hits = 0;
        var n = 0;
        for (var e = 0; e < seeds.Count; e++)
        {
            world.Reset(seeds[e]);
            loop.ResetActions();
            var recorder = e == 0 && replayPath is not null ? new ReplayRecorder(world) : null;
            while (!world.IsDone)
            {
                loop.Tick(brain);
                times[n++] = loop.LastDecideTicks;
                recorder?.Record(loop.Actions);
            }

            scores[e] = world.MeanScore();
            pickups += world.PickupsCollected.ToArray().Average();
            hits += world.Hits.ToArray().Average();
            if (recorder is not null)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(replayPath)!);
                recorder.Replay.Save(replayPath!);
                ReplayGif.Write(recorder.Replay, Path.ChangeExtension(replayPath!, ".gif"), pixelsPerUnit: 8, frameStep: frameStep,
                    delayCentiseconds: 10 * frameStep);
            }
        }

        Array.Sort(times, 0, n);
        double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
        return new PolicyResult(brain.Name, scores, scores.Average(), Ci95(scores), pickups / seeds.Count, hits / seeds.Count,
            mc is null ? null : (double)mc.Fallbacks / Math.Max(1, mc.Decisions),
            mc is null ? null : mc.MiSum / Math.Max(1, mc.Decisions),
            mc?.MiQuantile(0.5), mc?.MiQuantile(0.9), mc?.MiQuantile(0.99),
            Ms(Percentile(times, n, 0.5)), Ms(Percentile(times, n, 0.99)), Ms(n > 0 ? times[n - 1] : 0));
    }

    /// <summary>The q-quantile of the first <paramref name="n"/> sorted values (nearest rank).</summary>
    public static long Percentile(long[] sorted, int n, double q)
    {
        if (n == 0)
        {
            return 0;
        }

        var rank = (int)Math.Ceiling(q * n) - 1;
        return sorted[Math.Clamp(rank, 0, n - 1)];
    }

    /// <summary>Half-width of the 95% confidence interval of the mean of <paramref name="values"/> (Student t).</summary>
    public static double Ci95(IReadOnlyList<double> values)
    {
        var n = values.Count;
        if (n < 2)
        {
            return double.NaN;
        }

        var mean = values.Average();
        var variance = values.Sum(v => (v - mean) * (v - mean)) / (n - 1);
        return StudentT975(n - 1) * Math.Sqrt(variance / n);
    }

    /// <summary>The 97.5% quantile of Student's t with <paramref name="df"/> degrees of freedom (table to 30, then
    /// the normal's 1.96 plus the first-order correction 2.4/df).</summary>
    public static double StudentT975(int df)
    {
        double[] table =
        [
            12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160, 2.145, 2.131,
            2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
        ];
        ArgumentOutOfRangeException.ThrowIfLessThan(df, 1);
        return df <= table.Length ? table[df - 1] : 1.96 + 2.4 / df;
    }

    private static string ReplayPath(string folder, string policy, string condition) =>
        Path.Combine(folder, $"play-{policy}-{condition}.hsimrply");

    private static void AddReplay(List<string> replays, string? path)
    {
        if (path is not null)
        {
            replays.Add(path);
            replays.Add(Path.ChangeExtension(path, ".gif"));
        }
    }
}
