using Harness.Bench;
using Harness.Bench.Uncertainty;
using NUnit.Framework;

namespace Harness.Tests.Bench;

/// <summary>A dry run of the MC T-scaling benchmark: every model and mode runs and samples.</summary>
[TestFixture]
public sealed class McScalingBenchmarksTests
{
    [Test]
    public void EveryModelAndModeRunsAndSamples(
        [Values(BenchModels.Mlp, BenchModels.Cnn)] string model,
        [Values] McBenchMode mode,
        [Values(1, 32)] int batchSize)
    {
        const int passes = 10;
        var benchmarks = new McScalingBenchmarks { Model = model, Mode = mode, BatchSize = batchSize, Passes = passes };
        try
        {
            benchmarks.Setup();
            benchmarks.Run();
            var logits = benchmarks.Logits.ToArray();
            Assert.That(logits, Has.Length.EqualTo(batchSize * passes * 10));
            Assert.That(logits.All(float.IsFinite), Is.True);
            // Dropout 0.2 before the head: two passes of sample 0 coincide only if every one of 256 / 128 units drew
            // the same keep/drop (probability below 1e-50).
            Assert.That(logits.AsSpan(0, 10).SequenceEqual(logits.AsSpan(10, 10)), Is.False, "passes 0 and 1 differ");
        }
        finally
        {
            benchmarks.Cleanup();
        }
    }
}
