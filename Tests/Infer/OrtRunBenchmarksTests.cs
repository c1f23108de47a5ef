using Harness.Bench.Ort;
using NUnit.Framework;

namespace Harness.Tests.Infer;

/// <summary>A dry run of the ORT benchmark class (setup, one call per parameter, cleanup) without BenchmarkDotNet.</summary>
[TestFixture]
public class OrtRunBenchmarksTests
{
    [TestCase(1, 1)]
    [TestCase(8, 2)]
    [TestCase(64, 1)]
    [TestCase(256, 2)]
    [TestCase(1024, 1)]
    public void EveryBatchSizeRuns(int batchSize, int threads)
    {
        Assume.That(Environment.GetEnvironmentVariable(OrtRunBenchmarks.ModelVariable), Is.Null.Or.Empty,
            "dry run uses the default model");
        var benchmarks = new OrtRunBenchmarks { BatchSize = batchSize, IntraOpThreads = threads };
        try
        {
            benchmarks.Setup();
            Assert.DoesNotThrow(benchmarks.Run);
        }
        finally
        {
            benchmarks.Cleanup();
        }
    }

    [Test]
    public void DefaultModelIsTheSkeletonMlpAndTheVariableOverridesIt()
    {
        var saved = Environment.GetEnvironmentVariable(OrtRunBenchmarks.ModelVariable);
        try
        {
            Environment.SetEnvironmentVariable(OrtRunBenchmarks.ModelVariable, null);
            Assert.That(OrtRunBenchmarks.ModelPath(), Is.Null, "null selects the built-in skeleton MLP");
            Environment.SetEnvironmentVariable(OrtRunBenchmarks.ModelVariable, "some/model.onnx");
            Assert.That(OrtRunBenchmarks.ModelPath(), Is.EqualTo(Path.GetFullPath("some/model.onnx")));
        }
        finally
        {
            Environment.SetEnvironmentVariable(OrtRunBenchmarks.ModelVariable, saved);
        }
    }
}
