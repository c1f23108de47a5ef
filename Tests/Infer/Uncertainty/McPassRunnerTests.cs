using Harness.Infer.Ort;
using Harness.Infer.Uncertainty;
using NUnit.Framework;

namespace Harness.Tests.Infer.Uncertainty;

/// <summary>Tiled vs looped MC passes: exact on a deterministic graph, statistically equivalent on an MC graph.</summary>
[TestFixture]
public class McPassRunnerTests
{
    /// <summary>
    /// Half-width of the band for |sample std of tiled logits / sample std of looped logits − 1| over T = 2000 passes:
    /// the relative standard error of a sample standard deviation is about √(1/(2T)) = 1.6 % for near-normal values, so
    /// the ratio of two independent ones has ≈ 2.2 %; 0.15 is ~7σ (a seeded test cannot be seeded here: ORT's
    /// RandomUniformLike draws fresh numbers each run), while a broken tiling that reuses one mask for a sample's copies
    /// gives a ratio of 0.
    /// </summary>
    private const double StdRatioBand = 0.15;

    [TestCase(8192)]
    [TestCase(7)]
    [TestCase(3)]
    [TestCase(1)]
    public void TiledAndLoopAreExactOnADeterministicGraph(int cap)
    {
        // gemm.onnx: weights multiples of 1/4, inputs multiples of 1/2: every result is exact whatever the batch.
        const int samples = 5, passes = 4;
        using var session = OrtSession.Open(Harness.Tests.Infer.OrtTestData.Gemm);
        using var runner = new McPassRunner(session, cap);
        var x = Harness.Tests.Infer.GemmModel.Inputs(samples, salt: 3);
        var expected = Harness.Tests.Infer.GemmModel.Expected(x, samples);
        var tiled = new float[samples * passes * 3];
        var loop = new float[samples * passes * 3];

        runner.Run(x, samples, passes, McExecutionMode.Tiled, tiled);
        var tiledCalls = runner.Calls;
        runner.Run(x, samples, passes, McExecutionMode.Loop, loop);
        var loopCalls = runner.Calls - tiledCalls;

        var (spc, ppc) = McPassRunner.Plan(samples, passes, cap, McExecutionMode.Tiled);
        Assert.Multiple(() =>
        {
            for (var i = 0; i < samples; i++)
            {
                for (var t = 0; t < passes; t++)
                {
                    Assert.That(tiled.AsSpan((i * passes + t) * 3, 3).ToArray(), Is.EqualTo(expected.AsSpan(i * 3, 3).ToArray()),
                        $"tiled sample {i} pass {t}");
                }
            }

            Assert.That(loop, Is.EqualTo(tiled), "loop = tiled");
            Assert.That(spc * ppc, Is.LessThanOrEqualTo(cap), "rows per call within the cap");
            Assert.That(tiledCalls, Is.EqualTo(Ceil(samples, spc) * Ceil(passes, ppc)));
            Assert.That(loopCalls, Is.EqualTo(Ceil(samples, Math.Min(samples, cap)) * passes));
        });
        if (cap >= samples * passes)
        {
            Assert.That(tiledCalls, Is.EqualTo(1), "everything in one call when it fits");
        }
    }

    [Test]
    public void TiledRunsAreStatisticallyEquivalentToLoopedRuns()
    {
        const int inputs = 6, hidden = 64, classes = 3, samples = 4, passes = 2000;
        using var mcSession = OrtSession.FromBytes(McTestGraphs.Mlp(inputs, hidden, classes, mc: true));
        using var detSession = OrtSession.FromBytes(McTestGraphs.Mlp(inputs, hidden, classes, mc: false));
        var random = new Random(11);
        var x = Enumerable.Range(0, samples * inputs).Select(_ => (float)(random.NextDouble() * 4 - 2)).ToArray();
        var exact = new float[samples * classes];
        using (var det = new McPassRunner(detSession))
        {
            det.Run(x, samples, 1, McExecutionMode.Tiled, exact);
        }

        using var runner = new McPassRunner(mcSession, maxRowsPerCall: 8192);
        var tiled = new float[samples * passes * classes];
        var loop = new float[samples * passes * classes];
        runner.Run(x, samples, passes, McExecutionMode.Tiled, tiled);
        Assert.That(runner.Calls, Is.EqualTo(1), "4 × 2000 rows fit one call");
        runner.Run(x, samples, passes, McExecutionMode.Loop, loop);

        Assert.Multiple(() =>
        {
            for (var i = 0; i < samples; i++)
            {
                for (var k = 0; k < classes; k++)
                {
                    var (tm, ts) = MeanStd(tiled, i, k, passes, classes);
                    var (lm, ls) = MeanStd(loop, i, k, passes, classes);
                    var e = exact[i * classes + k];
                    // E[MC logits] = deterministic logits; the mean of T draws is within 5 standard errors.
                    Assert.That(Math.Abs(tm - e), Is.LessThan(Tolerances.MaskStatisticSigmas * ts / Math.Sqrt(passes)),
                        $"tiled mean, sample {i} class {k}");
                    Assert.That(Math.Abs(lm - e), Is.LessThan(Tolerances.MaskStatisticSigmas * ls / Math.Sqrt(passes)),
                        $"loop mean, sample {i} class {k}");
                    Assert.That(ts / ls, Is.EqualTo(1.0).Within(StdRatioBand), $"std ratio, sample {i} class {k}");
                }

                // Every copy of a sample in the one tiled call got its own mask: no two consecutive passes coincide
                // (64 units at p = 0.5: equal masks have probability 2^-64).
                var identical = 0;
                for (var t = 1; t < passes; t++)
                {
                    identical += tiled.AsSpan((i * passes + t) * classes, classes)
                        .SequenceEqual(tiled.AsSpan((i * passes + t - 1) * classes, classes)) ? 1 : 0;
                }

                Assert.That(identical, Is.Zero, $"sample {i}: passes within one call repeat a mask");
            }
        });
    }

    [Test]
    public void SteadyStateRunsAllocateNothing()
    {
        using var session = OrtSession.FromBytes(McTestGraphs.Mlp(6, 16, 3, mc: true));
        using var runner = new McPassRunner(session, maxRowsPerCall: 50);
        var x = new float[7 * 6];
        var logits = new float[7 * 30 * 3];
        runner.Run(x, 7, 30, McExecutionMode.Tiled, logits); // creates the runners of every chunk size
        runner.Run(x, 7, 30, McExecutionMode.Loop, logits);
        runner.Run(x, 7, 30, McExecutionMode.Tiled, logits);
        runner.Run(x, 7, 30, McExecutionMode.Loop, logits);

        var before = GC.GetAllocatedBytesForCurrentThread();
        runner.Run(x, 7, 30, McExecutionMode.Tiled, logits);
        runner.Run(x, 7, 30, McExecutionMode.Loop, logits);
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
    }

    [Test]
    public void RejectsModelsWithoutClassLogitsAndWrongBuffers()
    {
        using var session = OrtSession.Open(Harness.Tests.Infer.OrtTestData.AddSub);
        Assert.Throws<Harness.Core.UsageException>(() => _ = new McPassRunner(session), "two inputs");
        using var gemm = OrtSession.Open(Harness.Tests.Infer.OrtTestData.Gemm);
        using var runner = new McPassRunner(gemm);
        Assert.Throws<ArgumentException>(() => runner.Run(new float[8], 2, 3, McExecutionMode.Tiled, new float[17]));
    }

    private static long Ceil(int a, int b) => (a + b - 1) / b;

    private static (double Mean, double Std) MeanStd(float[] logits, int sample, int k, int passes, int classes)
    {
        double sum = 0, sumSq = 0;
        for (var t = 0; t < passes; t++)
        {
            double v = logits[(sample * passes + t) * classes + k];
            sum += v;
            sumSq += v * v;
        }

        var mean = sum / passes;
        return (mean, Math.Sqrt((sumSq / passes - mean * mean) * passes / (passes - 1)));
    }
}
