using System.Globalization;
using System.Text;

namespace Harness.Pipeline.Report.Charts;

/// <summary>
/// A reliability diagram: per confidence bin, the accuracy as a bar over the bin's width and the gap to the bin's
/// mean confidence as a shaded box (above the bar: over-confident; below its top: under-confident), against the
/// diagonal of perfect calibration. Empty bins draw nothing; counts are in the tooltips.
/// </summary>
public static class ReliabilityDiagram
{
    /// <summary>The gap boxes' colour: a dark red that stands apart from both the blue and the orange bars.</summary>
    public const string GapColor = "#B91C1C";

    public static string Render(ChartSpec spec, IReadOnlyList<ReliabilityBinData> bins, string color)
    {
        var axisX = new AxisSpec("confidence (max probability)", Min: 0, Max: 1, Percent: true);
        var axisY = new AxisSpec("accuracy", Min: 0, Max: 1, Percent: true);
        var legend = new List<LegendEntry>
        {
            new("accuracy", color, LegendKind.Box),
            new("gap to confidence", GapColor, LegendKind.Box),
            new("perfect calibration", Palette.Grey, LegendKind.Line, Dashed: true),
        };
        var frame = new ChartFrame(spec, axisX, axisY, (0, 1), (0, 1), legend);
        var svg = new StringBuilder();
        var total = bins.Sum(b => b.Count);
        frame.Begin(svg, Describe(bins, total));
        svg.Append($"<defs><pattern id=\"{Svg.Escape(spec.Id)}-hatch\" patternUnits=\"userSpaceOnUse\" width=\"6\" height=\"6\" patternTransform=\"rotate(45)\">")
            .Append($"<rect width=\"6\" height=\"6\" fill=\"#fff\" fill-opacity=\"0.35\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"{GapColor}\" stroke-width=\"1.1\"/></pattern></defs>");
        var zero = frame.Y.Map(0);
        var bars = new StringBuilder();
        var gaps = new StringBuilder();
        foreach (var b in bins.Where(b => b.Count > 0))
        {
            var x0 = frame.X.Map(b.Lower) + 0.5;
            var x1 = frame.X.Map(b.Upper) - 0.5;
            var acc = frame.Y.MapClamped(b.Accuracy);
            var conf = frame.Y.MapClamped(b.MeanConfidence);
            var tip = Svg.Escape(string.Create(CultureInfo.InvariantCulture,
                $"[{b.Lower:0.000}, {b.Upper:0.000}): {b.Count} samples ({(total > 0 ? 100.0 * b.Count / total : 0):0.0}%), accuracy {b.Accuracy:P1}, mean confidence {b.MeanConfidence:P1}, gap {b.Accuracy - b.MeanConfidence:+0.000;-0.000}"));
            bars.Append($"<rect x=\"{Svg.N(x0)}\" y=\"{Svg.N(acc)}\" width=\"{Svg.N(Math.Max(0, x1 - x0))}\" height=\"{Svg.N(Math.Max(0, zero - acc))}\" fill=\"{Svg.Escape(color)}\" fill-opacity=\"0.7\"><title>{tip}</title></rect>");
            gaps.Append($"<rect x=\"{Svg.N(x0)}\" y=\"{Svg.N(Math.Min(acc, conf))}\" width=\"{Svg.N(Math.Max(0, x1 - x0))}\" height=\"{Svg.N(Math.Abs(acc - conf))}\" ")
                .Append($"fill=\"url(#{Svg.Escape(spec.Id)}-hatch)\" stroke=\"{GapColor}\" stroke-width=\"1.2\"><title>{tip}</title></rect>");
        }

        svg.Append($"<g class=\"series\" id=\"{Svg.Escape(frame.SeriesId(0))}\" data-name=\"accuracy\">").Append(bars).Append("</g>")
            .Append($"<g class=\"series\" id=\"{Svg.Escape(frame.SeriesId(1))}\" data-name=\"gap to confidence\">").Append(gaps).Append("</g>")
            .Append($"<g class=\"series\" id=\"{Svg.Escape(frame.SeriesId(2))}\" data-name=\"perfect calibration\">")
            .Append($"<path d=\"M{Svg.N(frame.X.Map(0))} {Svg.N(frame.Y.Map(0))} L{Svg.N(frame.X.Map(1))} {Svg.N(frame.Y.Map(1))}\" stroke=\"{Palette.Grey}\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\" fill=\"none\"/></g>");
        ChartFrame.End(svg);
        return svg.ToString();
    }

    /// <summary>Expected calibration error of the bins: Σ (count/total)·|accuracy − confidence|.</summary>
    public static double Ece(IReadOnlyList<ReliabilityBinData> bins)
    {
        var total = bins.Sum(b => b.Count);
        return total == 0 ? 0 : bins.Sum(b => (double)b.Count / total * Math.Abs(b.Accuracy - b.MeanConfidence));
    }

    private static string Describe(IReadOnlyList<ReliabilityBinData> bins, int total)
    {
        var filled = bins.Where(b => b.Count > 0).ToList();
        return string.Create(CultureInfo.InvariantCulture,
            $"Reliability diagram over {bins.Count} confidence bins ({filled.Count} non-empty, {total} samples); expected calibration error {Ece(bins):0.000}. ") +
            string.Join("; ", filled.Select(b => string.Create(CultureInfo.InvariantCulture,
                $"[{b.Lower:0.00}, {b.Upper:0.00}): accuracy {b.Accuracy:0.000} vs confidence {b.MeanConfidence:0.000}, n = {b.Count}"))) + ".";
    }
}
