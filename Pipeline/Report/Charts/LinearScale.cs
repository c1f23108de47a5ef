namespace Harness.Pipeline.Report.Charts;

/// <summary>Maps a data interval (domain) linearly onto a pixel interval (range); the range may be reversed (y axes).</summary>
public sealed class LinearScale(double domainMin, double domainMax, double rangeStart, double rangeEnd)
{
    public double DomainMin { get; } = domainMin;

    public double DomainMax { get; } = domainMax;

    public double RangeStart { get; } = rangeStart;

    public double RangeEnd { get; } = rangeEnd;

    /// <summary>The pixel position of <paramref name="value"/> (values outside the domain map outside the range).</summary>
    public double Map(double value)
    {
        var span = DomainMax - DomainMin;
        var t = span == 0 ? 0.5 : (value - DomainMin) / span;
        return RangeStart + t * (RangeEnd - RangeStart);
    }

    /// <summary><see cref="Map"/>, clamped to the range (for bars that must stay inside the plot).</summary>
    public double MapClamped(double value)
    {
        var (lo, hi) = (Math.Min(RangeStart, RangeEnd), Math.Max(RangeStart, RangeEnd));
        return Math.Clamp(Map(value), lo, hi);
    }
}
