using System.Text.Json;
using Harness.Bench.GameLoop;
using Harness.Core;
using Harness.Tests.Export;
using NUnit.Framework;

namespace Harness.Tests.Bench;

/// <summary>The game-loop benchmark's dry run (a few ticks per agent count), so the command cannot rot.</summary>
[TestFixture]
public sealed class GameLoopBenchmarkTests
{
    [Test]
    public void DryRunWritesTheTableForEveryAgentCount()
    {
        using var temp = new TempFolder();
        var model = temp.File("policy.onnx");
        File.WriteAllBytes(model, GameLoopBenchmark.SeededPolicy([16]));
        var exit = GameLoopBenchmark.Run(["--agents", "1,32", "--ticks", "4", "--model", model, "--out", temp.Path]);
        Assert.That(exit, Is.EqualTo(ExitCodes.Success));

        using var json = JsonDocument.Parse(File.ReadAllText(temp.File(GameLoopBenchmark.JsonFile)));
        Assert.That(json.RootElement.GetProperty("dry_run").GetBoolean(), Is.True);
        var results = json.RootElement.GetProperty("results").EnumerateArray().ToList();
        Assert.That(results.Select(r => r.GetProperty("agents").GetInt32()), Is.EqualTo(new[] { 1, 32 }));
        foreach (var r in results)
        {
            Assert.That(r.GetProperty("ticks").GetInt32(), Is.EqualTo(4));
            Assert.That(r.GetProperty("inference_p99").GetDouble(), Is.GreaterThanOrEqualTo(r.GetProperty("inference_p50").GetDouble()));
            Assert.That(r.GetProperty("inference_max").GetDouble(), Is.GreaterThan(0));
            Assert.That(r.GetProperty("unthrottled_ticks_per_second").GetDouble(), Is.GreaterThan(0));
        }

        Assert.That(File.ReadAllText(temp.File(GameLoopBenchmark.MarkdownFile)), Does.Contain("| 32 | 4 |"));
    }

    [Test]
    public void BadArgumentsAreUsageErrors()
    {
        Assert.That(() => GameLoopOptions.Parse(["--agents", "0,5000"]), Throws.TypeOf<UsageException>().With.Message.Contains("between 1 and 4096"));
        Assert.That(() => GameLoopOptions.Parse(["--speed"]), Throws.TypeOf<UsageException>().With.Message.Contains("usage: game-loop"));
        Assert.That(GameLoopOptions.Parse(["--agents", "1024", "--seconds", "60"]), Is.EqualTo(new GameLoopOptions { Agents = [1024], Seconds = 60 })
            .Using<GameLoopOptions>((a, b) => a.Agents.SequenceEqual(b.Agents) && a.Seconds == b.Seconds));
    }
}
