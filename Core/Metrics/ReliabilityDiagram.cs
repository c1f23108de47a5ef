using System.Numerics;

namespace Harness.Core.Metrics;

/// <summary>How confidences are grouped into bins for calibration.</summary>
public enum CalibrationBinning
{
    /// <summary>
    /// Equal width on [0, 1]: bin b holds b/B ≤ c &lt; (b+1)/B, the last bin also c = 1 (bin = min(⌊c·B⌋, B − 1),
    /// the rule of <c>tf.histogram_fixed_width_bins</c> used by uncertainty-baselines' ECE).
    /// </summary>
    EqualWidth,

    /// <summary>
    /// Equal mass ("adaptive"): samples sorted by (confidence, index) and cut into B consecutive groups whose sizes
    /// differ by at most one, the first N mod B groups one larger (numpy.array_split).
    /// </summary>
    EqualMass,
}

/// <summary>One bin of a reliability diagram.</summary>
/// <param name="Lower">Lower edge: b/B for equal width; the smallest confidence in the bin for equal mass.</param>
/// <param name="Upper">Upper edge: (b+1)/B for equal width; the largest confidence in the bin for equal mass.</param>
/// <param name="Count">Samples in the bin.</param>
/// <param name="MeanConfidence">Mean top-1 confidence of those samples (0 when the bin is empty).</param>
/// <param name="Accuracy">Fraction of them classified correctly (0 when the bin is empty).</param>
public sealed record ReliabilityBin(double Lower, double Upper, int Count, double MeanConfidence, double Accuracy)
{
    /// <summary>Accuracy − confidence: positive when the model is under-confident in this bin.</summary>
    public double Gap => Accuracy - MeanConfidence;
}

/// <summary>
/// Reliability-diagram data for top-1 predictions: per bin the count, the mean confidence (max probability) and the
/// accuracy. <see cref="CalibrationError"/> is the count-weighted mean |accuracy − confidence| over these bins.
/// </summary>
public static class ReliabilityDiagram
{
    /// <summary>The bin count the uncertainty libraries report ECE with.</summary>
    public const int DefaultBins = 15;

    /// <summary>
    /// The bins of row-major [N, K] <paramref name="probabilities"/> against <paramref name="labels"/>. Equal-mass
    /// binning allocates one sort key per sample; equal width allocates only the result.
    /// </summary>
    /// <exception cref="ArgumentException">Sizes differ, a label is out of range, or there are no rows.</exception>
    public static ReliabilityBin[] Compute<T>(ReadOnlySpan<T> probabilities, int classes, ReadOnlySpan<int> labels,
        int bins = DefaultBins, CalibrationBinning binning = CalibrationBinning.EqualWidth)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var rows = ProbabilityRows.RequireRows(probabilities, classes, labels);
        ArgumentOutOfRangeException.ThrowIfZero(rows, nameof(labels));
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        return binning switch
        {
            CalibrationBinning.EqualWidth => EqualWidth(probabilities, classes, labels, rows, bins),
            CalibrationBinning.EqualMass => EqualMass(probabilities, classes, labels, rows, bins),
            _ => throw new ArgumentOutOfRangeException(nameof(binning), binning, "EqualWidth or EqualMass"),
        };
    }

    private static ReliabilityBin[] EqualWidth<T>(ReadOnlySpan<T> probabilities, int classes, ReadOnlySpan<int> labels,
        int rows, int bins) where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Span<int> counts = bins <= 256 ? stackalloc int[bins] : new int[bins];
        Span<double> confidence = bins <= 256 ? stackalloc double[bins] : new double[bins];
        Span<int> correct = bins <= 256 ? stackalloc int[bins] : new int[bins];
        counts.Clear();
        confidence.Clear();
        correct.Clear();
        for (var i = 0; i < rows; i++)
        {
            var row = probabilities.Slice(i * classes, classes);
            var predicted = ProbabilityRows.ArgMax(row);
            var c = double.CreateTruncating(row[predicted]);
            var b = Math.Clamp((int)Math.Floor(c * bins), 0, bins - 1);
            counts[b]++;
            confidence[b] += c;
            correct[b] += predicted == labels[i] ? 1 : 0;
        }

        var result = new ReliabilityBin[bins];
        for (var b = 0; b < bins; b++)
        {
            var n = counts[b];
            result[b] = new ReliabilityBin((double)b / bins, (double)(b + 1) / bins, n,
                n == 0 ? 0 : confidence[b] / n, n == 0 ? 0 : (double)correct[b] / n);
        }

        return result;
    }

    private static ReliabilityBin[] EqualMass<T>(ReadOnlySpan<T> probabilities, int classes, ReadOnlySpan<int> labels,
        int rows, int bins) where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        // Sort key: confidence, then the sample index (a stable order, independent of the sort algorithm).
        var keys = new (double Confidence, int Index, bool Correct)[rows];
        for (var i = 0; i < rows; i++)
        {
            var row = probabilities.Slice(i * classes, classes);
            var predicted = ProbabilityRows.ArgMax(row);
            keys[i] = (double.CreateTruncating(row[predicted]), i, predicted == labels[i]);
        }

        Array.Sort(keys, static (a, b) => a.Confidence != b.Confidence
            ? a.Confidence.CompareTo(b.Confidence)
            : a.Index.CompareTo(b.Index));
        var result = new ReliabilityBin[bins];
        var start = 0;
        for (var b = 0; b < bins; b++)
        {
            var size = rows / bins + (b < rows % bins ? 1 : 0);
            double confidence = 0;
            var correct = 0;
            for (var j = start; j < start + size; j++)
            {
                confidence += keys[j].Confidence;
                correct += keys[j].Correct ? 1 : 0;
            }

            result[b] = size == 0
                ? new ReliabilityBin(0, 0, 0, 0, 0)
                : new ReliabilityBin(keys[start].Confidence, keys[start + size - 1].Confidence, size,
                    confidence / size, (double)correct / size);
            start += size;
        }

        return result;
    }
}
