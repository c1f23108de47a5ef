using System.Text;

namespace Harness.Pipeline.Report.Charts;

/// <summary>
/// Horizontal grouped bars: one row per category (long names stay readable), one bar per series in each row, the
/// value written at the bar's end.
/// </summary>
public static class BarChart
{
    public const double BarHeight = 11;
    public const double RowGap = 10;

    /// <summary>A chart height that fits <paramref name="categories"/> rows of <paramref name="seriesCount"/> bars.</summary>
    public static double HeightFor(int categories, int seriesCount, int legendRows = 1) =>
        ChartFrame.TitleHeight + 14 + (legendRows * ChartFrame.LegendRowHeight) + ChartFrame.MarginBottom +
        (Math.Max(1, categories) * ((Math.Max(1, seriesCount) * BarHeight) + RowGap));

    /// <summary>A left margin wide enough for the longest category name.</summary>
    public static double MarginFor(IEnumerable<string> categories) =>
        Math.Clamp(categories.Select(c => Svg.TextWidth(c, ChartFrame.FontSize)).DefaultIfEmpty(0).Max() + 16, ChartFrame.DefaultMarginLeft, 260);

    public static string Render(ChartSpec spec, IReadOnlyList<string> categories, AxisSpec valueAxis, IReadOnlyList<BarSeries> series)
    {
        foreach (var s in series)
        {
            if (s.Values.Count != categories.Count)
            {
                throw new ArgumentException($"bar series '{s.Name}' has {s.Values.Count} values for {categories.Count} categories");
            }
        }

        var values = series.SelectMany(s => s.Values).Where(double.IsFinite).ToList();
        var xData = values.Count == 0 ? (0.0, 1.0) : (values.Min(), values.Max());
        var categoryAxis = new AxisSpec("", Categories: categories.Reverse().ToList());
        var legend = series.Select(s => new LegendEntry(s.Name, s.Color, LegendKind.Box)).ToList();
        var frame = new ChartFrame(spec, valueAxis with { IncludeZero = true }, categoryAxis, xData, (0, categories.Count), legend);
        var svg = new StringBuilder();
        frame.Begin(svg, $"Bar chart of {valueAxis.Title} for {categories.Count} categories: " + string.Join("; ", categories.Select((c, k) =>
            $"{c}: " + string.Join(", ", series.Select(s => $"{s.Name} {LineChart.Value(s.Values[k], valueAxis)}")))) + ".");
        var slot = Math.Abs(frame.Y.Map(0) - frame.Y.Map(1));
        var barHeight = Math.Min(BarHeight, (slot - 4) / Math.Max(1, series.Count));
        var zero = frame.X.Map(0);
        for (var i = 0; i < series.Count; i++)
        {
            var s = series[i];
            svg.Append($"<g class=\"series\" id=\"{Svg.Escape(frame.SeriesId(i))}\" data-name=\"{Svg.Escape(s.Name)}\">");
            for (var k = 0; k < categories.Count; k++)
            {
                var v = s.Values[k];
                if (!double.IsFinite(v))
                {
                    continue;
                }

                var rowTop = frame.Y.Map(categories.Count - k);
                var y = rowTop + ((slot - (barHeight * series.Count)) / 2) + (i * barHeight);
                var x = frame.X.MapClamped(v);
                var (left, width) = (Math.Min(zero, x), Math.Abs(x - zero));
                var label = LineChart.Value(v, valueAxis);
                svg.Append($"<rect x=\"{Svg.N(left)}\" y=\"{Svg.N(y)}\" width=\"{Svg.N(Math.Max(width, 0.5))}\" height=\"{Svg.N(barHeight - 1)}\" fill=\"{Svg.Escape(s.Color)}\" fill-opacity=\"0.85\">")
                    .Append($"<title>{Svg.Escape($"{categories[k]} — {s.Name}: {label}")}</title></rect>");
                var inside = x > frame.PlotRight - 60;
                svg.Append($"<text class=\"bar-label\" x=\"{Svg.N(inside ? x - 4 : x + 4)}\" y=\"{Svg.N(y + barHeight - 2.5)}\" font-size=\"10\" ")
                    .Append($"text-anchor=\"{(inside ? "end" : "start")}\" fill=\"{(inside ? "#fff" : "#374151")}\">{Svg.Escape(label)}</text>");
            }

            svg.Append("</g>");
        }

        ChartFrame.End(svg);
        return svg.ToString();
    }
}
