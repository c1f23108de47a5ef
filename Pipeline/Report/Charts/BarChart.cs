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

    /// <summary>A chart height that fits <paramref name="categories"/> rows of one bar per series, below the series' legend.</summary>
    public static double HeightFor(int categories, IReadOnlyList<string> seriesNames, double width) =>
        ChartFrame.TitleHeight + 14 + (ChartFrame.LegendRows(seriesNames, width, ValueLabelMargin) * ChartFrame.LegendRowHeight) + ChartFrame.MarginBottom +
        (Math.Max(1, categories) * ((Math.Max(1, seriesNames.Count) * BarHeight) + RowGap));

    /// <summary>Room right of the plot for the value written after the longest bar.</summary>
    public const double ValueLabelMargin = 56;

    /// <summary>A left margin wide enough for the longest category name (mixed-case text runs wider than the estimate).</summary>
    public static double MarginFor(IEnumerable<string> categories) =>
        Math.Clamp((categories.Select(c => Svg.TextWidth(c, ChartFrame.FontSize)).DefaultIfEmpty(0).Max() * 1.12) + 20, ChartFrame.DefaultMarginLeft, 300);

    /// <param name="spec">Id, title, size (see <see cref="HeightFor"/> and <see cref="MarginFor"/>).</param>
    /// <param name="categories">Row names, top to bottom.</param>
    /// <param name="valueAxis">The horizontal value axis (always includes 0).</param>
    /// <param name="series">One bar per category each.</param>
    /// <param name="markers">Reference values drawn as vertical lines (for example chance level).</param>
    public static string Render(ChartSpec spec, IReadOnlyList<string> categories, AxisSpec valueAxis, IReadOnlyList<BarSeries> series,
        IReadOnlyList<VerticalMarker>? markers = null)
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
        var labels = new StringBuilder();
        for (var i = 0; i < series.Count; i++)
        {
            var s = series[i];
            svg.Append($"<g class=\"series\" id=\"{Svg.Escape(frame.SeriesId(i))}\" data-name=\"{Svg.Escape(s.Name)}\">");
            labels.Append($"<g class=\"series-labels\" id=\"{Svg.Escape(frame.SeriesId(i))}-labels\">");
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
                labels.Append($"<text class=\"bar-label\" x=\"{Svg.N(x + 4)}\" y=\"{Svg.N(y + barHeight - 2.5)}\" font-size=\"10\" fill=\"#374151\">{Svg.Escape(label)}</text>");
            }

            svg.Append("</g>");
            labels.Append("</g>");
        }

        foreach (var marker in markers ?? [])
        {
            var x = frame.X.Map(marker.X);
            svg.Append($"<g class=\"marker\"><line x1=\"{Svg.N(x)}\" x2=\"{Svg.N(x)}\" y1=\"{Svg.N(frame.PlotTop)}\" y2=\"{Svg.N(frame.PlotBottom)}\" ")
                .Append($"stroke=\"{Svg.Escape(marker.Color)}\" stroke-width=\"1.2\" stroke-dasharray=\"4 3\"/>")
                .Append(LineChart.MarkerLabel(frame, x, marker));
        }

        ChartFrame.EndPlot(svg);
        svg.Append(labels);
        ChartFrame.Close(svg);
        return svg.ToString();
    }
}
