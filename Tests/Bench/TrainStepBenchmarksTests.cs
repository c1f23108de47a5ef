using Harness.Bench.Training;
using NUnit.Framework;

namespace Harness.Tests.Bench;

/// <summary>A dry run of the training-step benchmark (setup, a few steps, cleanup) so it cannot rot.</summary>
[TestFixture]
public sealed class TrainStepBenchmarksTests
{
    [TestCase("mlp")]
    [TestCase("cnn")]
    public void EveryModelSteps(string model)
    {
        var benchmarks = new TrainStepBenchmarks { Model = model };
        try
        {
            benchmarks.Setup();
            var first = benchmarks.Step();
            var third = benchmarks.Step() + benchmarks.Step() - first;
            Assert.That(first, Is.GreaterThan(0).And.LessThan(10), "a cross-entropy over 10 classes");
            Assert.That(double.IsFinite(third), Is.True);
        }
        finally
        {
            benchmarks.Cleanup();
        }
    }
}
