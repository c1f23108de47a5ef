using System.Globalization;
using System.Text;

namespace Harness.Pipeline.Report.Charts;

/// <summary>Lines over a numeric x axis, with point markers (tooltips) and optional vertical markers.</summary>
public static class LineChart
{
    /// <summary>Markers are drawn on every point up to this many points per series (beyond, the line alone).</summary>
    public const int MaxMarkedPoints = 80;

    public static string Render(ChartSpec spec, AxisSpec xAxis, AxisSpec yAxis, IReadOnlyList<LineSeries> series,
        IReadOnlyList<VerticalMarker>? markers = null)
    {
        var finite = series.SelectMany(s => s.Points).Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y)).ToList();
        var xData = finite.Count == 0 ? (0.0, 1.0) : (finite.Min(p => p.X), finite.Max(p => p.X));
        var yData = finite.Count == 0 ? (0.0, 1.0) : (finite.Min(p => p.Y), finite.Max(p => p.Y));
        var legend = series.Select(s => new LegendEntry(s.Name, s.Color, LegendKind.Line, s.Dashed)).ToList();
        var frame = new ChartFrame(spec, xAxis, yAxis, xData, yData, legend);
        var svg = new StringBuilder();
        frame.Begin(svg, Describe(xAxis, yAxis, series));
        foreach (var marker in markers ?? [])
        {
            var x = frame.X.Map(marker.X);
            svg.Append($"<g class=\"marker\"><line x1=\"{Svg.N(x)}\" x2=\"{Svg.N(x)}\" y1=\"{Svg.N(frame.PlotTop)}\" y2=\"{Svg.N(frame.PlotBottom)}\" ")
                .Append($"stroke=\"{Svg.Escape(marker.Color)}\" stroke-width=\"1.2\" stroke-dasharray=\"4 3\"/>")
                .Append(MarkerLabel(frame, x, marker));
        }

        for (var i = 0; i < series.Count; i++)
        {
            var s = series[i];
            svg.Append($"<g class=\"series\" id=\"{Svg.Escape(frame.SeriesId(i))}\" data-name=\"{Svg.Escape(s.Name)}\">");
            var path = PathData(s.Points, frame.X, frame.Y);
            if (path.Length > 0)
            {
                svg.Append($"<path d=\"{path}\" fill=\"none\" stroke=\"{Svg.Escape(s.Color)}\" stroke-width=\"2\" stroke-linejoin=\"round\" stroke-linecap=\"round\"")
                    .Append(s.Dashed ? " stroke-dasharray=\"6 4\"" : "").Append("/>");
            }

            if (s.Points.Count <= MaxMarkedPoints)
            {
                foreach (var (px, py) in s.Points.Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y)))
                {
                    svg.Append($"<circle cx=\"{Svg.N(frame.X.Map(px))}\" cy=\"{Svg.N(frame.Y.Map(py))}\" r=\"3\" fill=\"#fff\" stroke=\"{Svg.Escape(s.Color)}\" stroke-width=\"1.5\">")
                        .Append($"<title>{Svg.Escape($"{s.Name} — {xAxis.Label} {Value(px, xAxis)}: {Value(py, yAxis)}")}</title></circle>");
                }
            }

            svg.Append("</g>");
        }

        ChartFrame.End(svg);
        return svg.ToString();
    }

    /// <summary>A marker's label beside its line, on the side with more room (right of the line in the left half).</summary>
    public static string MarkerLabel(ChartFrame frame, double x, VerticalMarker marker)
    {
        var left = x > (frame.PlotLeft + frame.PlotRight) / 2;
        return $"<text x=\"{Svg.N(left ? x - 4 : x + 4)}\" y=\"{Svg.N(frame.PlotTop + 11)}\" text-anchor=\"{(left ? "end" : "start")}\" " +
               $"fill=\"{Svg.Escape(marker.Color)}\" font-size=\"11\" stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\">{Svg.Escape(marker.Label)}</text></g>";
    }

    /// <summary>
    /// SVG path data through the points in order: "M x y L x y …", starting a new sub-path after a non-finite value.
    /// </summary>
    public static string PathData(IReadOnlyList<(double X, double Y)> points, LinearScale x, LinearScale y)
    {
        var sb = new StringBuilder();
        var pen = false;
        foreach (var (px, py) in points)
        {
            if (!double.IsFinite(px) || !double.IsFinite(py))
            {
                pen = false;
                continue;
            }

            sb.Append(sb.Length == 0 ? "" : " ").Append(pen ? 'L' : 'M').Append(Svg.N(x.Map(px))).Append(' ').Append(Svg.N(y.Map(py)));
            pen = true;
        }

        return sb.ToString();
    }

    /// <summary>A value as a tooltip shows it: percentage on percent axes, else four significant digits and the unit.</summary>
    public static string Value(double value, AxisSpec axis)
    {
        if (axis.Percent)
        {
            return (value * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%";
        }

        var text = value.ToString("G4", CultureInfo.InvariantCulture);
        return axis.Unit is null ? text : $"{text} {axis.Unit}";
    }

    private static string Describe(AxisSpec xAxis, AxisSpec yAxis, IReadOnlyList<LineSeries> series)
    {
        var parts = series.Select(s =>
        {
            var finite = s.Points.Where(p => double.IsFinite(p.Y)).ToList();
            return finite.Count == 0
                ? $"{s.Name}: no finite values"
                : $"{s.Name}: {finite.Count} points, from {Value(finite[0].Y, yAxis)} to {Value(finite[^1].Y, yAxis)} (min {Value(finite.Min(p => p.Y), yAxis)}, max {Value(finite.Max(p => p.Y), yAxis)})";
        });
        return $"Line chart of {yAxis.Title} against {xAxis.Title}. " + string.Join("; ", parts) + ".";
    }
}
