using Harness.Core.Metrics;
using Harness.Infer.Uncertainty;

namespace Harness.Infer.Play;

/// <summary>
/// Per-sample MC-dropout statistics straight from an ORT output buffer, without allocating: the T passes of one
/// sample are rows <c>row + j·rowStride</c> (j = 0…T−1) of a row-major [rows, K] logits matrix (passes tiled along
/// the batch, pass-major). Same definitions as <see cref="McDropoutStatistics"/>: p̄ = mean of the softmaxes,
/// mutual information H[p̄] − mean H[pₜ] in nats, clamped at 0.
/// </summary>
public static class PassStatistics
{
    /// <summary>
    /// Writes p̄ into <paramref name="mean"/> (K values) and returns the mutual information;
    /// <paramref name="scratch"/> holds K doubles of work space.
    /// </summary>
    public static double MutualInformation(ReadOnlySpan<float> logits, int row, int rowStride, int passes, int classes,
        Span<double> mean, Span<double> scratch)
    {
        var p = scratch[..classes];
        var m = mean[..classes];
        m.Clear();
        double entropySum = 0;
        for (var j = 0; j < passes; j++)
        {
            ProbabilityRows.Softmax(logits.Slice((row + j * rowStride) * classes, classes), p);
            entropySum += ProbabilityRows.Entropy<double>(p);
            for (var k = 0; k < classes; k++)
            {
                m[k] += p[k];
            }
        }

        var inverse = 1.0 / passes;
        for (var k = 0; k < classes; k++)
        {
            m[k] *= inverse;
        }

        return Math.Max(ProbabilityRows.Entropy<double>(m) - entropySum * inverse, 0);
    }
}
