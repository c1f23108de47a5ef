namespace Harness.Pipeline.Report.Charts;

/// <summary>One axis: its label and unit (shown as "label (unit)"), fixed bounds or bounds from the data.</summary>
/// <param name="Label">What the axis measures.</param>
/// <param name="Unit">The unit, or null for a dimensionless quantity.</param>
/// <param name="Min">A fixed lower bound (else the nice tick below the data).</param>
/// <param name="Max">A fixed upper bound (else the nice tick above the data).</param>
/// <param name="Percent">Values are fractions, labelled as percentages.</param>
/// <param name="Integer">Ticks at whole numbers only (epochs, counts).</param>
/// <param name="IncludeZero">Stretch the axis to include 0 (bars, rates).</param>
/// <param name="TickTarget">About how many intervals between ticks.</param>
/// <param name="Categories">A categorical axis: category k sits at k + 0.5 on a domain of [0, count], no grid.</param>
public sealed record AxisSpec(
    string Label,
    string? Unit = null,
    double? Min = null,
    double? Max = null,
    bool Percent = false,
    bool Integer = false,
    bool IncludeZero = false,
    int TickTarget = 5,
    IReadOnlyList<string>? Categories = null)
{
    /// <summary>The axis title as drawn.</summary>
    public string Title => Unit is null ? Label : $"{Label} ({Unit})";
}

/// <summary>A chart's identity and size.</summary>
/// <param name="Id">Unique in the page: prefixes the ids of the title, description and series.</param>
/// <param name="Title">The visible title and the accessible name.</param>
/// <param name="Width">Width of the view box (the chart scales to its container).</param>
/// <param name="Height">Height of the view box.</param>
/// <param name="MarginLeft">Room for the y tick labels (wider for category names).</param>
/// <param name="MarginRight">Room right of the plot (wider for value labels at the ends of bars).</param>
public sealed record ChartSpec(string Id, string Title, double Width = 560, double Height = 300, double MarginLeft = ChartFrame.DefaultMarginLeft,
    double MarginRight = ChartFrame.DefaultMarginRight);

/// <summary>A line of (x, y) points; NaN or infinite y values break the line.</summary>
public sealed record LineSeries(string Name, IReadOnlyList<(double X, double Y)> Points, string Color, bool Dashed = false);

/// <summary>A vertical annotation line (for example the best epoch).</summary>
public sealed record VerticalMarker(double X, string Label, string Color);

/// <summary>A histogram: <c>Edges.Count == Counts.Count + 1</c>, edges increasing.</summary>
public sealed record HistogramSeries(string Name, IReadOnlyList<double> Edges, IReadOnlyList<double> Counts, string Color);

/// <summary>One group of values over the categories of a bar chart.</summary>
public sealed record BarSeries(string Name, IReadOnlyList<double> Values, string Color);

/// <summary>One reliability-diagram bin: samples whose confidence fell in [Lower, Upper).</summary>
public sealed record ReliabilityBinData(double Lower, double Upper, int Count, double MeanConfidence, double Accuracy);
