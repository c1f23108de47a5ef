using System.Globalization;
using System.Text;

namespace Harness.Pipeline.Report.Charts;

/// <summary>
/// Overlaid histograms: translucent bars plus a step outline per series, so two distributions (in vs out of
/// distribution, two models) stay readable on one axis. Counts can be shown as fractions of each series' total,
/// which compares distributions of different sizes.
/// </summary>
public static class HistogramChart
{
    /// <param name="spec">Id, title, size.</param>
    /// <param name="xAxis">The binned quantity.</param>
    /// <param name="yAxis">Counts, or shares when <paramref name="asFraction"/>.</param>
    /// <param name="series">The histograms, overlaid.</param>
    /// <param name="asFraction">Bar heights as each series' share of its total.</param>
    /// <param name="markers">Vertical reference lines (budget, percentiles, mean).</param>
    /// <param name="outlineOnly">Step outlines without fill: for near-identical distributions whose fills would mix.</param>
    public static string Render(ChartSpec spec, AxisSpec xAxis, AxisSpec yAxis, IReadOnlyList<HistogramSeries> series,
        bool asFraction, IReadOnlyList<VerticalMarker>? markers = null, bool outlineOnly = false)
    {
        foreach (var s in series)
        {
            if (s.Edges.Count != s.Counts.Count + 1)
            {
                throw new ArgumentException($"histogram '{s.Name}': {s.Edges.Count} edges for {s.Counts.Count} counts (need counts + 1)");
            }
        }

        var heights = series.Select(s => Heights(s, asFraction)).ToList();
        var edges = series.SelectMany(s => s.Edges).Where(double.IsFinite).ToList();
        var xs = edges.Concat((markers ?? []).Select(m => m.X)).ToList();
        var xData = xs.Count == 0 ? (0.0, 1.0) : (xs.Min(), xs.Max());
        var all = heights.SelectMany(h => h).Where(double.IsFinite).ToList();
        var yData = (0.0, all.Count == 0 ? 1.0 : Math.Max(all.Max(), 1e-12));
        var legend = series.Select(s => new LegendEntry(s.Name, s.Color, LegendKind.Box)).ToList();
        var frame = new ChartFrame(spec, xAxis, yAxis with { IncludeZero = true }, xData, yData, legend);
        var svg = new StringBuilder();
        frame.Begin(svg, Describe(xAxis, series));
        var zero = frame.Y.Map(0);
        for (var i = 0; i < series.Count; i++)
        {
            var s = series[i];
            var h = heights[i];
            var total = s.Counts.Sum();
            svg.Append($"<g class=\"series\" id=\"{Svg.Escape(frame.SeriesId(i))}\" data-name=\"{Svg.Escape(s.Name)}\">");
            var outline = new StringBuilder();
            for (var b = 0; b < s.Counts.Count; b++)
            {
                var x0 = frame.X.Map(s.Edges[b]);
                var x1 = frame.X.Map(s.Edges[b + 1]);
                var y = frame.Y.MapClamped(h[b]);
                outline.Append(outline.Length == 0 ? $"M{Svg.N(x0)} {Svg.N(zero)}" : "").Append($" L{Svg.N(x0)} {Svg.N(y)} L{Svg.N(x1)} {Svg.N(y)}");
                var share = total > 0 ? s.Counts[b] / total : 0;
                var tip = $"{s.Name}: [{Edge(s.Edges[b])}, {Edge(s.Edges[b + 1])}){(xAxis.Unit is null ? "" : " " + xAxis.Unit)} — " +
                          $"{s.Counts[b].ToString("0.##", CultureInfo.InvariantCulture)} ({(share * 100).ToString("0.0", CultureInfo.InvariantCulture)}%)";
                svg.Append($"<rect x=\"{Svg.N(x0)}\" y=\"{Svg.N(y)}\" width=\"{Svg.N(Math.Max(0, x1 - x0))}\" height=\"{Svg.N(Math.Max(0, zero - y))}\" ")
                    .Append($"fill=\"{Svg.Escape(s.Color)}\" fill-opacity=\"{(outlineOnly ? "0" : "0.2")}\"><title>{Svg.Escape(tip)}</title></rect>");
            }

            if (s.Counts.Count > 0)
            {
                outline.Append($" L{Svg.N(frame.X.Map(s.Edges[^1]))} {Svg.N(zero)}");
                svg.Append($"<path d=\"{outline}\" fill=\"none\" stroke=\"{Svg.Escape(s.Color)}\" stroke-width=\"1.8\"/>");
            }

            svg.Append("</g>");
        }

        foreach (var marker in markers ?? [])
        {
            var x = frame.X.Map(marker.X);
            svg.Append($"<g class=\"marker\"><line x1=\"{Svg.N(x)}\" x2=\"{Svg.N(x)}\" y1=\"{Svg.N(frame.PlotTop)}\" y2=\"{Svg.N(frame.PlotBottom)}\" ")
                .Append($"stroke=\"{Svg.Escape(marker.Color)}\" stroke-width=\"1.5\" stroke-dasharray=\"5 3\"/>")
                .Append(LineChart.MarkerLabel(frame, x, marker));
        }

        ChartFrame.End(svg);
        return svg.ToString();
    }

    /// <summary>Equal-width bins over [min, max] of <paramref name="values"/> (the last bin includes max).</summary>
    public static (double[] Edges, double[] Counts) Bin(IReadOnlyList<double> values, int bins)
    {
        var finite = values.Where(double.IsFinite).ToList();
        if (finite.Count == 0 || bins < 1)
        {
            return ([0, 1], [0]);
        }

        var (lo, hi) = (finite.Min(), finite.Max());
        if (lo == hi)
        {
            var pad = lo == 0 ? 0.5 : Math.Abs(lo) * 0.05;
            (lo, hi) = (lo - pad, hi + pad);
        }

        var edges = Enumerable.Range(0, bins + 1).Select(i => lo + ((hi - lo) * i / bins)).ToArray();
        var counts = new double[bins];
        foreach (var v in finite)
        {
            counts[Math.Clamp((int)((v - lo) / (hi - lo) * bins), 0, bins - 1)]++;
        }

        return (edges, counts);
    }

    private static double[] Heights(HistogramSeries s, bool asFraction)
    {
        var total = s.Counts.Sum();
        return s.Counts.Select(c => asFraction ? (total > 0 ? c / total : 0) : c).ToArray();
    }

    private static string Edge(double value) => value.ToString("G4", CultureInfo.InvariantCulture);

    private static string Describe(AxisSpec xAxis, IReadOnlyList<HistogramSeries> series) =>
        $"Histogram of {xAxis.Title}. " + string.Join("; ", series.Select(s =>
            $"{s.Name}: {s.Counts.Sum().ToString("0.##", CultureInfo.InvariantCulture)} in {s.Counts.Count} bins from {Edge(s.Edges[0])} to {Edge(s.Edges[^1])}")) + ".";
}
