using System.Numerics;

namespace Harness.Core.Metrics;

/// <summary>
/// Expected calibration error of top-1 predictions: ECE = Σ_b (|B_b| / N)·|acc(B_b) − conf(B_b)| over the bins of a
/// <see cref="ReliabilityDiagram"/>. With <see cref="CalibrationBinning.EqualWidth"/> and 15 bins this is the "ECE (15
/// bins)" of uncertainty-baselines; with <see cref="CalibrationBinning.EqualMass"/> it is the adaptive (equal-mass)
/// ECE, top-label only.
/// </summary>
public static class CalibrationError
{
    /// <summary>ECE of row-major [N, K] <paramref name="probabilities"/>.</summary>
    /// <exception cref="ArgumentException">Sizes differ, a label is out of range, or there are no rows.</exception>
    public static double Expected<T>(ReadOnlySpan<T> probabilities, int classes, ReadOnlySpan<int> labels,
        int bins = ReliabilityDiagram.DefaultBins, CalibrationBinning binning = CalibrationBinning.EqualWidth)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> =>
        FromBins(ReliabilityDiagram.Compute(probabilities, classes, labels, bins, binning));

    /// <summary>ECE of already computed bins: the count-weighted mean of |accuracy − confidence|.</summary>
    public static double FromBins(IReadOnlyList<ReliabilityBin> bins)
    {
        ArgumentNullException.ThrowIfNull(bins);
        long total = 0;
        double weighted = 0;
        foreach (var bin in bins)
        {
            total += bin.Count;
            weighted += bin.Count * Math.Abs(bin.Gap);
        }

        return total == 0 ? 0 : weighted / total;
    }
}
