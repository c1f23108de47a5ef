using System.Globalization;
using Harness.Core;

namespace Harness.Bench.GameLoop;

/// <summary>
/// Command line of <c>bench game-loop</c>: <c>[--agents 1,64,256,1024,4096] [--seconds 60] [--hz 60]
/// [--warmup-ticks 120] [--unthrottled-seconds 5] [--model PATH] [--threads 1] [--out runs/bench] [--ticks N]</c>.
/// <c>--ticks N</c> is the dry run: N throttled and N unthrottled ticks per agent count instead of timed phases.
/// </summary>
public sealed record GameLoopOptions
{
    public IReadOnlyList<int> Agents { get; init; } = [1, 64, 256, 1024, 4096];

    /// <summary>Length of the throttled (fixed-rate) phase per agent count.</summary>
    public double Seconds { get; init; } = 60;

    /// <summary>Tick rate of the throttled phase.</summary>
    public double Hz { get; init; } = 60;

    /// <summary>Untimed ticks before measuring (JIT tiers, ORT's first runs, caches).</summary>
    public int WarmupTicks { get; init; } = 120;

    /// <summary>Length of the unthrottled (back-to-back ticks) phase.</summary>
    public double UnthrottledSeconds { get; init; } = 5;

    /// <summary>The policy; null = runs/policy/model.onnx when it exists, else a seeded untrained MLP of the same shape.</summary>
    public string? Model { get; init; }

    /// <summary>ORT intra-op threads.</summary>
    public int Threads { get; init; } = 1;

    /// <summary>Output folder (relative to the repository root unless absolute).</summary>
    public string Out { get; init; } = "runs/bench";

    /// <summary>Dry run: this many ticks per phase instead of timed phases (0 = timed).</summary>
    public int Ticks { get; init; }

    /// <summary>Seconds per tick.</summary>
    public double Budget => 1.0 / Hz;

    public static GameLoopOptions Parse(IReadOnlyList<string> args)
    {
        var o = new GameLoopOptions();
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new UsageException($"{args[i]} needs a value.");
            double Number(string key, double min, double max)
            {
                var text = Value();
                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max
                    ? v
                    : throw new UsageException($"{key} = '{text}': must be a number between {min} and {max}.");
            }

            o = args[i] switch
            {
                "--agents" => o with { Agents = ParseAgents(Value()) },
                "--seconds" => o with { Seconds = Number("--seconds", 0.1, 3600) },
                "--hz" => o with { Hz = Number("--hz", 1, 1000) },
                "--warmup-ticks" => o with { WarmupTicks = (int)Number("--warmup-ticks", 0, 100_000) },
                "--unthrottled-seconds" => o with { UnthrottledSeconds = Number("--unthrottled-seconds", 0, 3600) },
                "--model" => o with { Model = Value() },
                "--threads" => o with { Threads = (int)Number("--threads", 0, 64) },
                "--out" => o with { Out = Value() },
                "--ticks" => o with { Ticks = (int)Number("--ticks", 1, 1_000_000) },
                _ => throw new UsageException($"Unknown game-loop argument '{args[i]}'. {Usage}"),
            };
        }

        return o;
    }

    public const string Usage =
        "usage: game-loop [--agents 1,64,256,1024,4096] [--seconds 60] [--hz 60] [--warmup-ticks 120] " +
        "[--unthrottled-seconds 5] [--model PATH] [--threads 1] [--out runs/bench] [--ticks N (dry run)]";

    private static int[] ParseAgents(string text)
    {
        var parts = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var agents = new int[parts.Length];
        for (var k = 0; k < parts.Length; k++)
        {
            if (!int.TryParse(parts[k], NumberStyles.Integer, CultureInfo.InvariantCulture, out agents[k]) || agents[k] is < 1 or > 4096)
            {
                throw new UsageException($"--agents '{text}': each count must be a whole number between 1 and 4096.");
            }
        }

        return agents.Length > 0 ? agents : throw new UsageException("--agents needs at least one count.");
    }
}
