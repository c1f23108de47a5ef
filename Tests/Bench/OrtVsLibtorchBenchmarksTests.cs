using Harness.Bench.Ort;
using NUnit.Framework;

namespace Harness.Tests.Bench;

/// <summary>A dry run of the ORT-vs-libtorch benchmark: both sides run, on the same model, to the same logits.</summary>
[TestFixture]
public sealed class OrtVsLibtorchBenchmarksTests
{
    [TestCase(1)]
    [TestCase(64)]
    public void BothEnginesComputeTheSameLogits(int batchSize)
    {
        var benchmarks = new OrtVsLibtorchBenchmarks { BatchSize = batchSize };
        try
        {
            benchmarks.Setup();
            benchmarks.Ort();
            benchmarks.Libtorch();
            var ort = benchmarks.OrtOutput.ToArray();
            var torch = benchmarks.TorchOutput.ToArray();
            Assert.That(ort, Has.Length.EqualTo(batchSize * 10));
            Assert.That(ort.Any(v => v != 0), Is.True, "the runs wrote logits");
            // BatchNorm is folded into the Gemm on the ORT side: a few float32 roundings apart.
            Assert.That(Harness.Infer.Parity.OutputComparison.MaxAbsDifference(ort, torch), Is.LessThan(Tolerances.TrainerVsOrt),
                "same model, same input, same logits");
        }
        finally
        {
            benchmarks.Cleanup();
        }
    }
}
