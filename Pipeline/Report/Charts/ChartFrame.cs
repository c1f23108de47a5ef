using System.Text;

namespace Harness.Pipeline.Report.Charts;

/// <summary>
/// The common frame of every chart: an accessible <c>&lt;svg role="img"&gt;</c> with <c>&lt;title&gt;</c> and
/// <c>&lt;desc&gt;</c>, the visible title, a legend whose items toggle their series, grid lines, axes with nice
/// ticks and labelled units, and a clipped plot area that the chart fills in between <see cref="Begin"/> and
/// <see cref="End"/>.
/// </summary>
public sealed class ChartFrame
{
    public const double DefaultMarginLeft = 64;
    public const double DefaultMarginRight = 18;
    public const double MarginBottom = 46;
    public const double TitleHeight = 24;
    public const double LegendRowHeight = 18;
    public const double FontSize = 12;

    private readonly ChartSpec _spec;
    private readonly AxisSpec _xAxis;
    private readonly AxisSpec _yAxis;
    private readonly IReadOnlyList<LegendEntry> _legend;
    private readonly List<List<(LegendEntry Entry, double X)>> _legendRows;

    /// <param name="spec">Id, title and size.</param>
    /// <param name="xAxis">The x axis.</param>
    /// <param name="yAxis">The y axis.</param>
    /// <param name="xData">Smallest and largest x of the data (before nice rounding and fixed bounds).</param>
    /// <param name="yData">Smallest and largest y of the data.</param>
    /// <param name="legend">Legend entries in series order; entry k toggles the group with id <see cref="SeriesId"/>(k).</param>
    public ChartFrame(ChartSpec spec, AxisSpec xAxis, AxisSpec yAxis, (double Min, double Max) xData, (double Min, double Max) yData,
        IReadOnlyList<LegendEntry> legend)
    {
        _spec = spec;
        _xAxis = xAxis;
        _yAxis = yAxis;
        _legend = legend;
        _legendRows = LayoutLegend(legend, spec.Width - 24 - spec.MarginRight);
        var top = TitleHeight + 8 + (_legendRows.Count * LegendRowHeight) + 6;
        PlotLeft = spec.MarginLeft;
        PlotRight = spec.Width - spec.MarginRight;
        PlotTop = top;
        PlotBottom = spec.Height - MarginBottom;
        (XTicks, var xMin, var xMax) = Resolve(xAxis, xData);
        (YTicks, var yMin, var yMax) = Resolve(yAxis, yData);
        X = new LinearScale(xMin, xMax, PlotLeft, PlotRight);
        Y = new LinearScale(yMin, yMax, PlotBottom, PlotTop);
    }

    public double PlotLeft { get; }

    public double PlotRight { get; }

    public double PlotTop { get; }

    public double PlotBottom { get; }

    public LinearScale X { get; }

    public LinearScale Y { get; }

    public IReadOnlyList<double> XTicks { get; }

    public IReadOnlyList<double> YTicks { get; }

    /// <summary>The id of series <paramref name="index"/>'s group (what its legend entry toggles).</summary>
    public string SeriesId(int index) => $"{_spec.Id}-s{index}";

    /// <summary>
    /// Ticks and domain of an axis: nice ticks around the data (and 0 when asked); fixed bounds win and ticks outside
    /// them are dropped.
    /// </summary>
    public static (IReadOnlyList<double> Ticks, double Min, double Max) Resolve(AxisSpec axis, (double Min, double Max) data)
    {
        if (axis.Categories is { } categories)
        {
            return (Enumerable.Range(0, categories.Count).Select(k => k + 0.5).ToList(), 0, Math.Max(1, categories.Count));
        }

        var (lo, hi) = data;
        if (!double.IsFinite(lo) || !double.IsFinite(hi))
        {
            (lo, hi) = (0, 1);
        }

        if (axis.IncludeZero)
        {
            (lo, hi) = (Math.Min(lo, 0), Math.Max(hi, 0));
        }

        lo = axis.Min ?? lo;
        hi = axis.Max ?? hi;
        var ticks = Ticks.Nice(lo, hi, axis.TickTarget, axis.Integer);
        var min = axis.Min ?? ticks[0];
        var max = axis.Max ?? ticks[^1];
        if (min == max)
        {
            max = min + 1;
        }

        const double slack = 1e-9;
        return (ticks.Where(t => t >= min - slack * Math.Abs(max - min) && t <= max + slack * Math.Abs(max - min)).ToList(), min, max);
    }

    /// <summary>Opens the SVG, draws title, legend, grid and axes, and opens the clipped plot group.</summary>
    public void Begin(StringBuilder svg, string description)
    {
        var id = Svg.Escape(_spec.Id);
        svg.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" id=\"{id}\" role=\"img\" viewBox=\"0 0 {Svg.N(_spec.Width)} {Svg.N(_spec.Height)}\" ")
            .Append($"aria-labelledby=\"{id}-title {id}-desc\" font-size=\"{Svg.N(FontSize)}\">")
            .Append($"<title id=\"{id}-title\">{Svg.Escape(_spec.Title)}</title>")
            .Append($"<desc id=\"{id}-desc\">{Svg.Escape(description)}</desc>")
            .Append($"<text class=\"chart-title\" x=\"24\" y=\"17\" font-size=\"14\" font-weight=\"600\">{Svg.Escape(_spec.Title)}</text>");
        DrawLegend(svg);
        DrawGridAndAxes(svg);
        svg.Append($"<clipPath id=\"{id}-clip\"><rect x=\"{Svg.N(PlotLeft)}\" y=\"{Svg.N(PlotTop - 4)}\" width=\"{Svg.N(PlotRight - PlotLeft)}\" height=\"{Svg.N(PlotBottom - PlotTop + 8)}\"/></clipPath>")
            .Append($"<g clip-path=\"url(#{id}-clip)\">");
    }

    /// <summary>Closes the plot group and the SVG.</summary>
    public static void End(StringBuilder svg) => svg.Append("</g></svg>");

    /// <summary>Closes the clipped plot group only: what follows may draw outside the plot (then <see cref="Close"/>).</summary>
    public static void EndPlot(StringBuilder svg) => svg.Append("</g>");

    /// <summary>Closes the SVG after <see cref="EndPlot"/>.</summary>
    public static void Close(StringBuilder svg) => svg.Append("</svg>");

    /// <summary>How many rows the legend of these entry names takes in a chart of <paramref name="width"/>.</summary>
    public static int LegendRows(IEnumerable<string> names, double width, double marginRight = DefaultMarginRight) =>
        LayoutLegend(names.Select(n => new LegendEntry(n, "", LegendKind.Box)).ToList(), width - 24 - marginRight).Count;

    private void DrawGridAndAxes(StringBuilder svg)
    {
        var xStep = XTicks.Count > 1 ? XTicks[1] - XTicks[0] : 1;
        var yStep = YTicks.Count > 1 ? YTicks[1] - YTicks[0] : 1;
        svg.Append("<g class=\"grid\" stroke=\"#E5E7EB\" stroke-width=\"1\">");
        foreach (var t in _yAxis.Categories is null ? YTicks : [])
        {
            var y = Y.Map(t);
            svg.Append($"<line x1=\"{Svg.N(PlotLeft)}\" x2=\"{Svg.N(PlotRight)}\" y1=\"{Svg.N(y)}\" y2=\"{Svg.N(y)}\"/>");
        }

        foreach (var t in _xAxis.Categories is null ? XTicks : [])
        {
            var x = X.Map(t);
            svg.Append($"<line x1=\"{Svg.N(x)}\" x2=\"{Svg.N(x)}\" y1=\"{Svg.N(PlotTop)}\" y2=\"{Svg.N(PlotBottom)}\" stroke-dasharray=\"2 3\"/>");
        }

        svg.Append("</g><g class=\"axis\" fill=\"#4B5563\">");
        svg.Append($"<line x1=\"{Svg.N(PlotLeft)}\" x2=\"{Svg.N(PlotRight)}\" y1=\"{Svg.N(PlotBottom)}\" y2=\"{Svg.N(PlotBottom)}\" stroke=\"#9CA3AF\"/>");
        svg.Append($"<line x1=\"{Svg.N(PlotLeft)}\" x2=\"{Svg.N(PlotLeft)}\" y1=\"{Svg.N(PlotTop)}\" y2=\"{Svg.N(PlotBottom)}\" stroke=\"#9CA3AF\"/>");
        foreach (var t in XTicks)
        {
            var x = X.Map(t);
            svg.Append($"<line x1=\"{Svg.N(x)}\" x2=\"{Svg.N(x)}\" y1=\"{Svg.N(PlotBottom)}\" y2=\"{Svg.N(PlotBottom + 4)}\" stroke=\"#9CA3AF\"/>")
                .Append($"<text class=\"tick x\" x=\"{Svg.N(x)}\" y=\"{Svg.N(PlotBottom + 17)}\" text-anchor=\"middle\">{Svg.Escape(Label(_xAxis, t, xStep))}</text>");
        }

        foreach (var t in YTicks)
        {
            var y = Y.Map(t);
            svg.Append($"<line x1=\"{Svg.N(PlotLeft - 4)}\" x2=\"{Svg.N(PlotLeft)}\" y1=\"{Svg.N(y)}\" y2=\"{Svg.N(y)}\" stroke=\"#9CA3AF\"/>")
                .Append($"<text class=\"tick y\" x=\"{Svg.N(PlotLeft - 7)}\" y=\"{Svg.N(y + 4)}\" text-anchor=\"end\">{Svg.Escape(Label(_yAxis, t, yStep))}</text>");
        }

        var midX = (PlotLeft + PlotRight) / 2;
        var midY = (PlotTop + PlotBottom) / 2;
        if (_xAxis.Title.Length > 0)
        {
            svg.Append($"<text class=\"axis-title x\" x=\"{Svg.N(midX)}\" y=\"{Svg.N(_spec.Height - 8)}\" text-anchor=\"middle\" fill=\"#374151\">{Svg.Escape(_xAxis.Title)}</text>");
        }

        if (_yAxis.Title.Length > 0)
        {
            svg.Append($"<text class=\"axis-title y\" transform=\"translate(16 {Svg.N(midY)}) rotate(-90)\" text-anchor=\"middle\" fill=\"#374151\">{Svg.Escape(_yAxis.Title)}</text>");
        }

        svg.Append("</g>");
    }

    /// <summary>The label of tick <paramref name="value"/>: the category name on a categorical axis, else the formatted number.</summary>
    public static string Label(AxisSpec axis, double value, double step) =>
        axis.Categories is { } categories
            ? categories[Math.Clamp((int)Math.Floor(value), 0, categories.Count - 1)]
            : Ticks.Format(value, step, axis.Percent);

    private void DrawLegend(StringBuilder svg)
    {
        if (_legend.Count == 0)
        {
            return;
        }

        svg.Append("<g class=\"legend\">");
        for (var row = 0; row < _legendRows.Count; row++)
        {
            var y = TitleHeight + 8 + (row * LegendRowHeight) + 6;
            foreach (var (entry, x0) in _legendRows[row])
            {
                var index = IndexOf(entry);
                var x = 24 + x0;
                svg.Append($"<g class=\"legend-item\" data-target=\"{Svg.Escape(SeriesId(index))}\" role=\"button\" tabindex=\"0\" aria-pressed=\"true\">")
                    .Append($"<title>Show or hide {Svg.Escape(entry.Name)}</title>");
                svg.Append(entry.Kind switch
                {
                    LegendKind.Line => $"<line x1=\"{Svg.N(x)}\" x2=\"{Svg.N(x + 16)}\" y1=\"{Svg.N(y)}\" y2=\"{Svg.N(y)}\" stroke=\"{Svg.Escape(entry.Color)}\" stroke-width=\"2.5\"{(entry.Dashed ? " stroke-dasharray=\"5 3\"" : "")}/>",
                    _ => $"<rect x=\"{Svg.N(x + 2)}\" y=\"{Svg.N(y - 6)}\" width=\"12\" height=\"12\" rx=\"2\" fill=\"{Svg.Escape(entry.Color)}\" fill-opacity=\"0.75\"/>",
                });
                svg.Append($"<text x=\"{Svg.N(x + 21)}\" y=\"{Svg.N(y + 4)}\" fill=\"#374151\">{Svg.Escape(entry.Name)}</text></g>");
            }
        }

        svg.Append("</g>");
    }

    private int IndexOf(LegendEntry entry)
    {
        for (var i = 0; i < _legend.Count; i++)
        {
            if (ReferenceEquals(_legend[i], entry))
            {
                return i;
            }
        }

        return -1;
    }

    private static List<List<(LegendEntry, double)>> LayoutLegend(IReadOnlyList<LegendEntry> legend, double width)
    {
        var rows = new List<List<(LegendEntry, double)>>();
        var row = new List<(LegendEntry, double)>();
        var x = 0.0;
        foreach (var entry in legend)
        {
            var w = 21 + Svg.TextWidth(entry.Name, FontSize) + 16;
            if (row.Count > 0 && x + w > width + 40)
            {
                rows.Add(row);
                row = [];
                x = 0;
            }

            row.Add((entry, x));
            x += w;
        }

        if (row.Count > 0)
        {
            rows.Add(row);
        }

        return rows;
    }
}

/// <summary>How a legend entry's swatch is drawn.</summary>
public enum LegendKind
{
    Line,
    Box,
}

/// <summary>One legend entry.</summary>
public sealed record LegendEntry(string Name, string Color, LegendKind Kind, bool Dashed = false);
