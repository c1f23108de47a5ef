namespace Harness.Infer.Uncertainty;

/// <summary>
/// Two histograms of one score on shared bins, for plots of in- vs out-of-distribution values.
/// Bin b covers [Edges[b], Edges[b+1]) and the last bin also its upper edge.
/// </summary>
/// <param name="Edges">Bins + 1 increasing edges from the smallest to the largest value seen on either side.</param>
/// <param name="InCounts">In-distribution counts per bin.</param>
/// <param name="OutCounts">Out-of-distribution counts per bin.</param>
public sealed record HistogramPair(double[] Edges, int[] InCounts, int[] OutCounts)
{
    /// <summary>Bins both sides on <paramref name="bins"/> equal-width bins spanning both (a unit span when all are equal).</summary>
    /// <exception cref="ArgumentException">No values at all, a NaN, or fewer than one bin.</exception>
    public static HistogramPair Create(ReadOnlySpan<double> inValues, ReadOnlySpan<double> outValues, int bins)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        if (inValues.IsEmpty && outValues.IsEmpty)
        {
            throw new ArgumentException("A histogram needs at least one value.");
        }

        double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        Extend(inValues, ref lo, ref hi);
        Extend(outValues, ref lo, ref hi);

        if (hi <= lo)
        {
            hi = lo + 1;
        }

        var edges = new double[bins + 1];
        for (var b = 0; b <= bins; b++)
        {
            edges[b] = b == bins ? hi : lo + (hi - lo) * b / bins;
        }

        return new HistogramPair(edges, Count(inValues, lo, hi, bins), Count(outValues, lo, hi, bins));
    }

    private static void Extend(ReadOnlySpan<double> values, ref double lo, ref double hi)
    {
        foreach (var v in values)
        {
            if (double.IsNaN(v))
            {
                throw new ArgumentException("A histogram value is NaN.");
            }

            lo = Math.Min(lo, v);
            hi = Math.Max(hi, v);
        }
    }

    private static int[] Count(ReadOnlySpan<double> values, double lo, double hi, int bins)
    {
        var counts = new int[bins];
        foreach (var v in values)
        {
            counts[Math.Clamp((int)Math.Floor((v - lo) / (hi - lo) * bins), 0, bins - 1)]++;
        }

        return counts;
    }
}
