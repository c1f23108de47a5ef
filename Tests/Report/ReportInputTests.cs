using System.Text.Json.Nodes;
using Harness.Pipeline.Report.Inputs;
using NUnit.Framework;

namespace Harness.Tests.Report;

public class ReportInputTests
{
    [Test]
    public void ReadsBenchmarkDotNetsJsonExport()
    {
        var root = JsonInput.Load(Path.Combine(ReportFixtures.Bench, "ort-run-report-full.json")).Node!;
        Assert.That(BenchmarkDotNetResults.Recognizes(root), Is.True);
        var results = BenchmarkDotNetResults.Read(root);
        Assert.That(results.Cases.Select(c => c.Name), Is.EqualTo(new[]
        {
            "OrtRunBenchmarks.Run BatchSize=1", "OrtRunBenchmarks.Run BatchSize=32", "OrtRunBenchmarks.Run BatchSize=256",
        }));
        Assert.That(results.Failed, Is.Zero);
        Assert.That(results.Host, Does.Contain("BenchmarkDotNet 0.14.0"));
        foreach (var c in results.Cases)
        {
            var stats = root["Benchmarks"]!.AsArray().Single(b => (string?)b!["Parameters"] == c.Name.Split(' ')[1])!["Statistics"]!;
            Assert.That(c.MeanNs, Is.EqualTo((double)stats["Mean"]!));
            Assert.That(c.P95Ns, Is.EqualTo((double)stats["Percentiles"]!["P95"]!));
            Assert.That(c.AllocatedBytes, Is.Zero);

            // The samples are the overhead-corrected Result iterations, which are what the statistics were computed from.
            var original = stats["OriginalValues"]!.AsArray().Select(v => (double)v!).ToList();
            Assert.That(c.SamplesNs, Is.EqualTo(original).Within(1e-6));
        }
    }

    [Test]
    public void BenchmarkWithoutStatisticsCountsAsFailed()
    {
        var root = JsonNode.Parse("""{ "Benchmarks": [ { "Type": "T", "Method": "M", "Statistics": null }, { "Method": "Ok", "Statistics": { "Mean": 5 } } ] }""")!;
        var results = BenchmarkDotNetResults.Read(root);
        Assert.That(results.Failed, Is.EqualTo(1));
        Assert.That(results.Cases.Single().Name, Is.EqualTo("Ok"));
        Assert.That(results.Cases.Single().SamplesNs, Is.Empty);
    }

    [Test]
    public void ReadsTheGameLoopShapeAndComputesPercentilesFromTicks()
    {
        var root = JsonNode.Parse("""{ "kind": "game-loop", "agents": 8, "budget_ms": 2, "tick_ms": [4, 1, 3, 2], "sweep": [ { "agents": 16, "p50_ms": 1 }, { "agents": 1, "p99_ms": 0.2 } ] }""");
        var loop = GameLoopResults.ReadAll(root, "fallback").Single();
        Assert.That(loop.Title, Is.EqualTo("fallback"));
        Assert.That(loop.Ticks, Is.EqualTo(4));
        Assert.That(loop.PercentilesMs["p50"], Is.EqualTo(2.5));
        Assert.That(loop.PercentilesMs["p95"], Is.EqualTo(3.85).Within(1e-12), "linear between ranks: 3 + 0.85 · (4 − 3)");
        Assert.That(loop.PercentilesMs["max"], Is.EqualTo(4));
        Assert.That(loop.Sweep.Select(s => s.Agents), Is.EqualTo(new double[] { 1, 16 }), "sorted by agents");
    }

    [Test]
    public void GivenPercentilesWinAndRunsArraysAreRead()
    {
        var root = JsonNode.Parse("""{ "runs": [ { "tick_ms": [1, 2, 3], "percentiles_ms": { "p50": 9 } }, { "histogram": { "edges": [0, 1, 2], "counts": [3, 4] } }, { "other": 1 } ] }""");
        var loops = GameLoopResults.ReadAll(root, "f");
        Assert.That(loops, Has.Count.EqualTo(2), "the object without a game-loop field is not a run");
        Assert.That(loops[0].PercentilesMs["p50"], Is.EqualTo(9));
        Assert.That(loops[1].Histogram!.Value.Counts, Is.EqualTo(new double[] { 3, 4 }));
        Assert.That(GameLoopResults.ReadAll(JsonNode.Parse("""{ "histogram": { "edges": [0, 1], "counts": [3, 4] } }"""), "f").Single().Histogram,
            Is.Null, "edges must be one more than counts");
        Assert.That(GameLoopResults.ReadAll(JsonNode.Parse("""{ "Benchmarks": [] }"""), "f"), Is.Empty);
    }

    [Test]
    public void NumbersMayBeWrittenAsStringsAndNamesInAnyCase()
    {
        var node = JsonNode.Parse("""{ "Mean": "NaN", "inf": "Infinity", "neg": "-Infinity", "s": "0.25", "bad": "x", "n": 3 }""");
        Assert.That(JsonInput.Number(node, "mean"), Is.NaN);
        Assert.That(JsonInput.Number(node, "INF"), Is.EqualTo(double.PositiveInfinity));
        Assert.That(JsonInput.Number(node, "neg"), Is.EqualTo(double.NegativeInfinity));
        Assert.That(JsonInput.Number(node, "s"), Is.EqualTo(0.25));
        Assert.That(JsonInput.Number(node, "bad"), Is.Null);
        Assert.That(JsonInput.Number(node, "absent"), Is.Null);
        Assert.That(JsonInput.Number(node, "absent", "n"), Is.EqualTo(3), "aliases are tried in order");
    }

    [Test]
    public void LoadTellsMissingFromUnreadable()
    {
        using var scratch = ReportFixtures.NewScratch();
        Assert.That(JsonInput.Load(scratch.File("none.json")).Missing, Is.True);
        File.WriteAllText(scratch.File("bad.json"), "{");
        var bad = JsonInput.Load(scratch.File("bad.json"));
        Assert.That(bad.Missing, Is.False);
        Assert.That(bad.Error, Is.Not.Null.And.Not.Empty);
    }
}
