using System.Globalization;
using System.Xml.Linq;
using Harness.Pipeline.Report.Charts;
using NUnit.Framework;

namespace Harness.Tests.Report;

public class SvgChartTests
{
    private static readonly XNamespace Ns = "http://www.w3.org/2000/svg";

    [Test]
    public void EscapesEveryMarkupCharacter()
    {
        Assert.That(Svg.Escape("<script>alert('x & \"y\"')</script>"),
            Is.EqualTo("&lt;script&gt;alert(&#39;x &amp; &quot;y&quot;&#39;)&lt;/script&gt;"));
        Assert.That(Svg.Escape(null), Is.Empty);
        Assert.That(Svg.Escape("a\u0001b\tc"), Is.EqualTo("a\uFFFDb\tc"), "control characters are invalid in XML");
    }

    [Test]
    public void CoordinatesAreInvariantWithAtMostTwoDecimals()
    {
        // A culture with a decimal comma (built by hand: the project runs with invariant globalization).
        var comma = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        comma.NumberFormat.NumberDecimalSeparator = ",";
        comma.NumberFormat.NumberGroupSeparator = ".";
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = comma;
            Assert.That(1.5.ToString(CultureInfo.CurrentCulture), Is.EqualTo("1,5"), "the culture is in effect");
            Assert.That(Svg.N(1234.5678), Is.EqualTo("1234.57"));
            Assert.That(Svg.N(3), Is.EqualTo("3"));
            Assert.That(Svg.N(double.NaN), Is.EqualTo("0"));
            Assert.That(Ticks.Format(0.25, 0.05), Is.EqualTo("0.25"));
            Assert.That(Ticks.Format(0.125, 0.025, percent: true), Is.EqualTo("12.5%"));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Test]
    public void LineChartPlacesPointsOnTheScaledPlotArea()
    {
        var spec = new ChartSpec("t1", "Loss");
        var svg = LineChart.Render(spec, new AxisSpec("epoch", Integer: true), new AxisSpec("loss", "nats"),
            [new LineSeries("train", [(1, 0), (2, 1)], Palette.Train)]);
        var doc = XDocument.Parse(svg);

        // Plot area: left = 64, right = 560 − 18 = 542, top = title 24 + 8 + one legend row 18 + 6 = 56, bottom = 300 − 46 = 254.
        var path = doc.Descendants(Ns + "g").Single(g => (string?)g.Attribute("id") == "t1-s0").Element(Ns + "path")!;
        Assert.That((string?)path.Attribute("d"), Is.EqualTo("M64 254 L542 56"));
        var circles = doc.Descendants(Ns + "circle").ToList();
        Assert.That(circles.Select(c => ((string?)c.Attribute("cx"), (string?)c.Attribute("cy"))), Is.EqualTo(new[] { ("64", "254"), ("542", "56") }));
        Assert.That(circles[1].Element(Ns + "title")!.Value, Is.EqualTo("train — epoch 2: 1 nats"));

        var yLabels = doc.Descendants(Ns + "text").Where(t => ((string?)t.Attribute("class"))?.Contains("tick y") == true).Select(t => t.Value);
        Assert.That(yLabels, Is.EqualTo(new[] { "0", "0.2", "0.4", "0.6", "0.8", "1.0" }));
        var xLabels = doc.Descendants(Ns + "text").Where(t => ((string?)t.Attribute("class"))?.Contains("tick x") == true).Select(t => t.Value);
        Assert.That(xLabels, Is.EqualTo(new[] { "1", "2" }));
        var axisTitles = doc.Descendants(Ns + "text").Where(t => ((string?)t.Attribute("class"))?.StartsWith("axis-title", StringComparison.Ordinal) == true).Select(t => t.Value);
        Assert.That(axisTitles, Is.EqualTo(new[] { "epoch", "loss (nats)" }), "axis titles carry the unit");
    }

    [Test]
    public void ChartIsAnAccessibleImageWithTitleDescriptionAndLegendToggles()
    {
        var svg = LineChart.Render(new ChartSpec("acc", "Accuracy"), new AxisSpec("epoch", Integer: true), new AxisSpec("accuracy", Percent: true),
            [new LineSeries("train", [(1, 0.5), (2, 0.6)], Palette.Train), new LineSeries("validation", [(1, 0.4), (2, 0.55)], Palette.Validation)]);
        var root = XDocument.Parse(svg).Root!;
        Assert.That((string?)root.Attribute("role"), Is.EqualTo("img"));
        Assert.That((string?)root.Attribute("aria-labelledby"), Is.EqualTo("acc-title acc-desc"));
        Assert.That(root.Element(Ns + "title")!.Value, Is.EqualTo("Accuracy"));
        Assert.That(root.Element(Ns + "desc")!.Value, Does.Contain("train: 2 points, from 50% to 60%"));
        var toggles = root.Descendants(Ns + "g").Where(g => (string?)g.Attribute("class") == "legend-item").Select(g => (string?)g.Attribute("data-target"));
        Assert.That(toggles, Is.EqualTo(new[] { "acc-s0", "acc-s1" }));
        foreach (var target in toggles)
        {
            Assert.That(root.Descendants(Ns + "g").Count(g => (string?)g.Attribute("id") == target), Is.EqualTo(1), $"series group {target}");
        }
    }

    [Test]
    public void TextInTitlesLegendsAndTooltipsIsEscaped()
    {
        const string evil = "<script>alert(1)</script> & \"q\"";
        var svg = LineChart.Render(new ChartSpec("e1", evil), new AxisSpec(evil), new AxisSpec("y", evil), [new LineSeries(evil, [(0, 1), (1, 2)], Palette.Blue)]);
        Assert.That(svg, Does.Not.Contain("<script>"));
        var doc = XDocument.Parse(svg);
        Assert.That(doc.Root!.Element(Ns + "title")!.Value, Is.EqualTo(evil), "escaped text reads back unchanged");
        Assert.That(doc.Descendants(Ns + "text").Any(t => t.Value == evil), Is.True, "legend text");
        var bars = BarChart.Render(new ChartSpec("e2", "bars"), [evil], new AxisSpec("v"), [new BarSeries(evil, [1.0], Palette.Blue)]);
        Assert.That(bars, Does.Not.Contain("<script>"));
        Assert.That(XDocument.Parse(bars).Descendants(Ns + "text").Any(t => t.Value == evil), Is.True, "category label");
    }

    [Test]
    public void NonFiniteValuesBreakTheLine()
    {
        var x = new LinearScale(0, 3, 0, 30);
        var y = new LinearScale(0, 1, 10, 0);
        Assert.That(LineChart.PathData([(0, 0), (1, 1), (2, double.NaN), (3, 0)], x, y), Is.EqualTo("M0 10 L10 0 M30 10"));
        Assert.That(LineChart.PathData([(0, double.PositiveInfinity)], x, y), Is.Empty);
    }

    [Test]
    public void HistogramAsFractionsScalesBarsByShareOfTheSeries()
    {
        var svg = HistogramChart.Render(new ChartSpec("h", "H"), new AxisSpec("x"), new AxisSpec("share", Percent: true),
            [new HistogramSeries("a", [0, 1, 2], [10, 30], Palette.Blue)], asFraction: true);
        var rects = XDocument.Parse(svg).Descendants(Ns + "g").Single(g => (string?)g.Attribute("id") == "h-s0").Elements(Ns + "rect").ToList();
        Assert.That(rects, Has.Count.EqualTo(2));
        var heights = rects.Select(r => double.Parse((string)r.Attribute("height")!, CultureInfo.InvariantCulture)).ToList();
        Assert.That(heights[1] / heights[0], Is.EqualTo(3).Within(0.01), "30 vs 10 of 40");
        Assert.That(rects[1].Element(Ns + "title")!.Value, Is.EqualTo("a: [1, 2) — 30 (75.0%)"));
        Assert.Throws<ArgumentException>(() => HistogramChart.Render(new ChartSpec("bad", "bad"), new AxisSpec("x"), new AxisSpec("y"),
            [new HistogramSeries("a", [0, 1], [1, 2], Palette.Blue)], asFraction: false));
    }

    [Test]
    public void BinningCoversTheRangeAndKeepsTheMaximum()
    {
        var (edges, counts) = HistogramChart.Bin([0, 1, 2, 3, 4, 5, 6, 7, 8, 10], 5);
        Assert.That(edges, Is.EqualTo(new double[] { 0, 2, 4, 6, 8, 10 }));
        Assert.That(counts, Is.EqualTo(new double[] { 2, 2, 2, 2, 2 }));
        var (single, one) = HistogramChart.Bin([3, 3, 3], 4);
        Assert.That(one.Sum(), Is.EqualTo(3));
        Assert.That(single[0], Is.LessThan(3));
    }

    [Test]
    public void BarLengthsAreProportionalToValuesFromZero()
    {
        var svg = BarChart.Render(new ChartSpec("b", "B", 560, 200), ["one", "two"], new AxisSpec("value", Min: 0, Max: 10),
            [new BarSeries("s", [2.5, 10], Palette.Blue)]);
        var rects = XDocument.Parse(svg).Descendants(Ns + "g").Single(g => (string?)g.Attribute("id") == "b-s0").Elements(Ns + "rect").ToList();
        var widths = rects.Select(r => double.Parse((string)r.Attribute("width")!, CultureInfo.InvariantCulture)).ToList();
        Assert.That(widths[0] / widths[1], Is.EqualTo(0.25).Within(0.01));
        Assert.That(rects.Select(r => (string)r.Attribute("x")!), Is.All.EqualTo("64"), "bars start at 0 on the left edge");
        var first = double.Parse((string)rects[0].Attribute("y")!, CultureInfo.InvariantCulture);
        var second = double.Parse((string)rects[1].Attribute("y")!, CultureInfo.InvariantCulture);
        Assert.That(first, Is.LessThan(second), "the first category is drawn on top");
        Assert.Throws<ArgumentException>(() => BarChart.Render(new ChartSpec("x", "x"), ["a"], new AxisSpec("v"), [new BarSeries("s", [1, 2], Palette.Blue)]));
    }

    [Test]
    public void ReliabilityDiagramDrawsNonEmptyBinsOnlyAndReportsTheirEce()
    {
        IReadOnlyList<ReliabilityBinData> bins =
        [
            new(0.0, 0.5, 0, 0, 0),
            new(0.5, 0.75, 30, 0.6, 0.5),
            new(0.75, 1.0, 10, 0.9, 0.9),
        ];
        Assert.That(ReliabilityDiagram.Ece(bins), Is.EqualTo(0.75 * 0.1).Within(1e-12));
        var doc = XDocument.Parse(ReliabilityDiagram.Render(new ChartSpec("r", "Reliability"), bins, Palette.Deterministic));
        var accuracy = doc.Descendants(Ns + "g").Single(g => (string?)g.Attribute("id") == "r-s0").Elements(Ns + "rect").ToList();
        var gaps = doc.Descendants(Ns + "g").Single(g => (string?)g.Attribute("id") == "r-s1").Elements(Ns + "rect").ToList();
        Assert.That(accuracy, Has.Count.EqualTo(2));
        Assert.That(gaps, Has.Count.EqualTo(2));
        Assert.That(doc.Root!.Element(Ns + "desc")!.Value, Does.Contain("expected calibration error 0.075"));
        Assert.That(accuracy[0].Element(Ns + "title")!.Value, Does.Contain("30 samples (75.0%)"));
        var diagonal = doc.Descendants(Ns + "g").Single(g => (string?)g.Attribute("id") == "r-s2").Element(Ns + "path")!;
        Assert.That((string?)diagonal.Attribute("d"), Is.EqualTo("M64 254 L542 56"), "from (0, 0) to (1, 1)");
    }
}
