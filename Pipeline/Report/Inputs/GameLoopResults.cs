using System.Text.Json.Nodes;

namespace Harness.Pipeline.Report.Inputs;

/// <summary>One point of a game-loop sweep over the number of agents.</summary>
public sealed record GameLoopSweepPoint(double Agents, double? P50Ms, double? P99Ms, double? DecisionsPerSecond);

/// <summary>
/// One game-loop benchmark run: per tick, every agent asks the policy for a decision and the tick must fit a frame
/// budget. The report reads this JSON shape (snake_case; every field optional unless said; unknown fields ignored):
/// <code>
/// {
///   "kind": "game-loop",                    // marks the file (or: any object with "tick_ms", "histogram" or "sweep")
///   "title": "256 agents, CNN policy, CPU", // heading
///   "model": "runs/fashion-cnn/model.onnx",
///   "agents": 256,                           // agents deciding each tick
///   "ticks": 2000,                           // ticks measured (default: the length of tick_ms)
///   "budget_ms": 16.667,                     // the frame budget the inference must fit (a 60 Hz frame)
///   "tick_ms": [0.41, 0.39, ...],            // inference time of each tick, ms: the latency histogram
///   "histogram": { "edges": [ms...], "counts": [n...] },        // pre-binned alternative to tick_ms
///   "percentiles_ms": { "p50": 0.4, "p95": 0.6, "p99": 0.9, "max": 2.1 }, // else computed from tick_ms
///   "allocated_bytes_per_tick": 0,
///   "sweep": [ { "agents": 1, "p50_ms": 0.05, "p99_ms": 0.08, "decisions_per_second": 20000 }, ... ]
/// }
/// </code>
/// A file may hold one such object, an array of them, or an object with a "runs" array of them.
/// </summary>
public sealed record GameLoopResults(
    string Title,
    string? Model,
    double? Agents,
    int? Ticks,
    double? BudgetMs,
    IReadOnlyList<double> TickMs,
    (IReadOnlyList<double> Edges, IReadOnlyList<double> Counts)? Histogram,
    IReadOnlyDictionary<string, double> PercentilesMs,
    double? AllocatedBytesPerTick,
    IReadOnlyList<GameLoopSweepPoint> Sweep)
{
    /// <summary>The runs in <paramref name="root"/>, or an empty list when it is not of this shape.</summary>
    public static IReadOnlyList<GameLoopResults> ReadAll(JsonNode? root, string fallbackTitle)
    {
        var candidates = root switch
        {
            JsonArray array => array.OfType<JsonObject>().ToList(),
            JsonObject obj when JsonInput.Get(obj, "runs") is JsonArray runs => runs.OfType<JsonObject>().ToList(),
            JsonObject obj => [obj],
            _ => [],
        };
        return candidates.Where(IsGameLoop).Select((c, i) => Read(c, candidates.Count == 1 ? fallbackTitle : $"{fallbackTitle} #{i + 1}")).ToList();
    }

    public static bool IsGameLoop(JsonObject node) =>
        string.Equals(JsonInput.Text(node, "kind"), "game-loop", StringComparison.OrdinalIgnoreCase) ||
        JsonInput.Get(node, "tick_ms") is JsonArray || JsonInput.Get(node, "sweep") is JsonArray ||
        JsonInput.Get(node, "histogram") is JsonObject;

    private static GameLoopResults Read(JsonObject node, string fallbackTitle)
    {
        var ticks = JsonInput.Numbers(JsonInput.Get(node, "tick_ms")) ?? [];
        var histogramNode = JsonInput.Get(node, "histogram");
        var edges = JsonInput.Numbers(JsonInput.Get(histogramNode, "edges"));
        var counts = JsonInput.Numbers(JsonInput.Get(histogramNode, "counts"));
        (IReadOnlyList<double>, IReadOnlyList<double>)? histogram =
            edges is not null && counts is not null && counts.Count > 0 && edges.Count == counts.Count + 1 ? (edges, counts) : null;
        var percentiles = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        if (JsonInput.Get(node, "percentiles_ms") is JsonObject given)
        {
            foreach (var (key, value) in given)
            {
                if (JsonInput.Number(value) is { } v)
                {
                    percentiles[key] = v;
                }
            }
        }
        else if (ticks.Count > 0)
        {
            var sorted = ticks.Order().ToArray();
            percentiles["p50"] = Percentile(sorted, 0.50);
            percentiles["p95"] = Percentile(sorted, 0.95);
            percentiles["p99"] = Percentile(sorted, 0.99);
            percentiles["max"] = sorted[^1];
        }

        var sweep = JsonInput.Objects(JsonInput.Get(node, "sweep"))
            .Select(p => (Agents: JsonInput.Number(p, "agents"), P: p))
            .Where(p => p.Agents.HasValue)
            .Select(p => new GameLoopSweepPoint(p.Agents!.Value, JsonInput.Number(p.P, "p50_ms"), JsonInput.Number(p.P, "p99_ms"),
                JsonInput.Number(p.P, "decisions_per_second")))
            .OrderBy(p => p.Agents)
            .ToList();
        var tickCount = JsonInput.Number(node, "ticks");
        return new GameLoopResults(
            JsonInput.Text(node, "title") ?? fallbackTitle,
            JsonInput.Text(node, "model"),
            JsonInput.Number(node, "agents"),
            tickCount.HasValue ? (int)tickCount.Value : ticks.Count > 0 ? ticks.Count : null,
            JsonInput.Number(node, "budget_ms"),
            ticks,
            histogram,
            percentiles,
            JsonInput.Number(node, "allocated_bytes_per_tick"),
            sweep);
    }

    /// <summary>The q-quantile of sorted values, linear between closest ranks (numpy's default).</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double q)
    {
        if (sorted.Count == 0)
        {
            return double.NaN;
        }

        var position = q * (sorted.Count - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, sorted.Count - 1);
        return sorted[lower] + ((position - lower) * (sorted[upper] - sorted[lower]));
    }
}
