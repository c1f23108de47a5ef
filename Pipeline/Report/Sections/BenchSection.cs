using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Harness.Pipeline.Report.Charts;
using Harness.Pipeline.Report.Inputs;

namespace Harness.Pipeline.Report.Sections;

/// <summary>
/// Benchmarks from the JSON files of the benchmark folder (runs/bench/ by default): BenchmarkDotNet's JSON export
/// (<see cref="BenchmarkDotNetResults"/>: a table, mean latency per case, a latency histogram per case from the
/// measured iterations) and game-loop runs (<see cref="GameLoopResults"/>: tick-latency histogram against the frame
/// budget, percentiles, the sweep over agent counts). Other JSON files are listed as not recognized.
/// </summary>
public sealed class BenchSection : IReportSection
{
    /// <summary>Histograms of fewer samples than this are not drawn (BenchmarkDotNet dry runs have one or two).</summary>
    public const int MinHistogramSamples = 3;

    public string Id => "bench";

    public string Title => "Benchmarks";

    public SectionOutput Render(ReportContext context)
    {
        var files = Directory.Exists(context.BenchFolder)
            ? Directory.EnumerateFiles(context.BenchFolder, "*.json").Order(StringComparer.Ordinal).ToList()
            : [];
        if (files.Count == 0)
        {
            return new SectionOutput(
                Html.Missing("benchmark results", Path.Combine(context.BenchFolder, "*.json"),
                    "./harness bench (BenchmarkDotNet with --exporters json, its *-report-full.json copied here) and the game-loop benchmark"),
                SectionStatus.Missing);
        }

        var html = new StringBuilder();
        var (shown, problems) = (0, 0);
        foreach (var file in files)
        {
            var name = Path.GetFileName(file);
            var load = JsonInput.Load(file);
            html.Append($"<h3><code>{Html.E(name)}</code></h3>");
            if (load.Node is not { } root)
            {
                html.Append(Html.Unreadable(file, load.Error ?? "empty"));
                problems++;
                continue;
            }

            if (BenchmarkDotNetResults.Recognizes(root))
            {
                html.Append(RenderBdn(context, BenchmarkDotNetResults.Read(root)));
                shown++;
                continue;
            }

            var loops = GameLoopResults.ReadAll(root, Path.GetFileNameWithoutExtension(name));
            if (loops.Count > 0)
            {
                foreach (var loop in loops)
                {
                    html.Append(RenderGameLoop(context, loop));
                }

                shown++;
                continue;
            }

            problems++;
            var keys = root is JsonObject o ? string.Join(", ", o.Select(kv => kv.Key).Take(12)) : root.GetValueKind().ToString();
            html.Append($"<div class=\"notice missing\" role=\"note\"><strong>Not recognized:</strong> <code>{Html.E(file)}</code> is neither a BenchmarkDotNet " +
                        $"JSON export (a \"Benchmarks\" array) nor a game-loop result (\"kind\": \"game-loop\", \"tick_ms\", \"histogram\" or \"sweep\"). Top level: {Html.E(keys)}.</div>");
        }

        var status = shown == 0 ? SectionStatus.Error : problems > 0 ? SectionStatus.Partial : SectionStatus.Complete;
        return new SectionOutput(Html.Note($"{files.Count} file(s) in <code>{Html.E(context.BenchFolder)}</code>.") + html, status);
    }

    private static string RenderBdn(ReportContext context, BenchmarkDotNetResults results)
    {
        var html = new StringBuilder();
        html.Append(Html.Note($"BenchmarkDotNet: {Html.E(results.Title)}" + (results.Host is null ? "" : $" — {Html.E(results.Host)}") + "." +
                              (results.Failed > 0 ? $" <strong>{results.Failed} benchmark(s) have no statistics (failed).</strong>" : "")));
        if (results.Cases.Count == 0)
        {
            return html.Append(Html.Unreadable(results.Title, "no benchmark with statistics")).ToString();
        }

        html.Append(Html.Table(["case", "mean", "median", "P95", "std dev", "ops/s", "allocated/op", "iterations"],
            results.Cases.Select(c => (IReadOnlyList<string>)
            [
                $"<code>{Html.E(c.Name)}</code>", Html.Duration(c.MeanNs), Html.Duration(c.MedianNs), Html.Duration(c.P95Ns), Html.Duration(c.StdDevNs),
                Html.Int(1e9 / c.MeanNs), Html.Bytes(c.AllocatedBytes), Html.Int(c.SamplesNs.Count),
            ]), new HashSet<int> { 1, 2, 3, 4, 5, 6, 7 }));
        var (unit, scale) = Html.TimeUnit(results.Cases.Select(c => c.MeanNs).Order().ElementAt(results.Cases.Count / 2));
        var categories = results.Cases.Select(c => c.Name).ToList();
        var series = new List<BarSeries> { new("mean", results.Cases.Select(c => c.MeanNs / scale).ToList(), Palette.Blue) };
        if (results.Cases.Any(c => c.P95Ns.HasValue))
        {
            series.Add(new BarSeries("P95", results.Cases.Select(c => (c.P95Ns ?? double.NaN) / scale).ToList(), Palette.Orange));
        }

        html.Append(Html.Figure(BarChart.Render(
            new ChartSpec(context.NextId("bdn"), "Latency per operation", 760, BarChart.HeightFor(categories.Count, series.Select(x => x.Name).ToList(), 760), BarChart.MarginFor(categories), BarChart.ValueLabelMargin),
            categories, new AxisSpec("time per operation", unit), series)));
        var histograms = results.Cases.Where(c => c.SamplesNs.Count >= MinHistogramSamples).ToList();
        if (histograms.Count > 0)
        {
            html.Append("<div class=\"grid\">");
            foreach (var c in histograms)
            {
                var (u, s) = Html.TimeUnit(c.SamplesNs.Order().ElementAt(c.SamplesNs.Count / 2));
                var (edges, counts) = HistogramChart.Bin(c.SamplesNs.Select(v => v / s).ToList(), BinCount(c.SamplesNs.Count));
                html.Append(Html.Figure(HistogramChart.Render(new ChartSpec(context.NextId("bdn-hist"), $"Latency — {c.Name}"),
                    new AxisSpec("time per operation", u), new AxisSpec("iterations", Integer: true),
                    [new HistogramSeries($"{c.SamplesNs.Count} measured iterations", edges, counts, Palette.Blue)], asFraction: false,
                    [new VerticalMarker(c.MeanNs / s, "mean", Palette.Ink)])));
            }

            html.Append("</div>");
        }
        else
        {
            html.Append(Html.Note($"No latency histograms: fewer than {MinHistogramSamples} measured iterations per case (a dry run?)."));
        }

        return html.ToString();
    }

    private static string RenderGameLoop(ReportContext context, GameLoopResults loop)
    {
        var html = new StringBuilder();
        html.Append($"<h4>{Html.E(loop.Title)}</h4>");
        var p = loop.PercentilesMs;
        string Ms(string key) => p.TryGetValue(key, out var v) ? Html.Sig(v, 3) + " ms" : "—";
        var overBudget = loop.BudgetMs is { } budget && loop.TickMs.Count > 0 ? loop.TickMs.Count(t => t > budget) : (int?)null;
        html.Append(Html.Cards(
        [
            ("agents", Html.Int(loop.Agents), loop.Ticks is { } ticks ? $"{ticks.ToString("N0", CultureInfo.InvariantCulture)} ticks" : null),
            ("p50 tick", Ms("p50"), null),
            ("p95 tick", Ms("p95"), null),
            ("p99 tick", Ms("p99"), p.TryGetValue("max", out var max) ? $"max {Html.Sig(max, 3)} ms" : null),
            ("frame budget", loop.BudgetMs is { } b ? Html.Sig(b, 4) + " ms" : "—",
                overBudget is { } o ? $"{o} tick(s) over ({Html.Pct((double)o / loop.TickMs.Count, 2)})" :
                loop.BudgetMs is { } b2 && p.TryGetValue("p99", out var p99) && p99 > 0 ? $"p99 uses {Html.Pct(p99 / b2, 1)}" : null),
            ("allocated / tick", Html.Bytes(loop.AllocatedBytesPerTick), null),
        ]));
        if (loop.Model is not null)
        {
            html.Append(Html.Note($"Policy model <code>{Html.E(loop.Model)}</code>."));
        }

        html.Append("<div class=\"grid\">");
        var histogram = loop.Histogram;
        if (loop.TickMs.Count >= MinHistogramSamples)
        {
            var (edges, counts) = HistogramChart.Bin(loop.TickMs, BinCount(loop.TickMs.Count));
            histogram = (edges, counts);
        }

        if (histogram is { } h)
        {
            var markers = new List<VerticalMarker>();
            var top = h.Edges[^1];
            if (loop.BudgetMs is { } budget2 && budget2 <= top * 1.5)
            {
                markers.Add(new VerticalMarker(budget2, "frame budget", Palette.Vermillion));
            }

            if (p.TryGetValue("p99", out var p99v))
            {
                markers.Add(new VerticalMarker(p99v, "p99", Palette.Ink));
            }

            html.Append(Html.Figure(HistogramChart.Render(new ChartSpec(context.NextId("loop-hist"), "Tick latency"),
                new AxisSpec("inference time per tick", "ms"), new AxisSpec("ticks", Integer: true),
                [new HistogramSeries(loop.Agents is { } a ? $"{a:0} agents per tick" : "ticks", h.Edges, h.Counts, Palette.Blue)], asFraction: false, markers),
                loop.BudgetMs is { } b3 && b3 > top * 1.5 ? $"The frame budget ({Html.Sig(b3, 4)} ms) is off the chart: {Html.Fixed(b3 / top, 1)}× the slowest bin." : null));
        }

        if (loop.Sweep.Count > 0)
        {
            var latency = new List<LineSeries>();
            if (loop.Sweep.Any(s => s.P50Ms.HasValue))
            {
                latency.Add(new LineSeries("p50", loop.Sweep.Where(s => s.P50Ms.HasValue).Select(s => (s.Agents, s.P50Ms!.Value)).ToList(), Palette.Blue));
            }

            if (loop.Sweep.Any(s => s.P99Ms.HasValue))
            {
                latency.Add(new LineSeries("p99", loop.Sweep.Where(s => s.P99Ms.HasValue).Select(s => (s.Agents, s.P99Ms!.Value)).ToList(), Palette.Orange));
            }

            if (latency.Count > 0)
            {
                html.Append(Html.Figure(LineChart.Render(new ChartSpec(context.NextId("loop-sweep"), "Tick latency by agent count"),
                    new AxisSpec("agents per tick", IncludeZero: true), new AxisSpec("tick latency", "ms", IncludeZero: true), latency)));
            }

            if (loop.Sweep.Any(s => s.DecisionsPerSecond.HasValue))
            {
                html.Append(Html.Figure(LineChart.Render(new ChartSpec(context.NextId("loop-throughput"), "Decisions per second by agent count"),
                    new AxisSpec("agents per tick", IncludeZero: true), new AxisSpec("throughput", "decisions/s", IncludeZero: true),
                    [new LineSeries("decisions/s", loop.Sweep.Where(s => s.DecisionsPerSecond.HasValue).Select(s => (s.Agents, s.DecisionsPerSecond!.Value)).ToList(), Palette.Green)])));
            }
        }

        html.Append("</div>");
        if (histogram is null && loop.Sweep.Count == 0)
        {
            html.Append(Html.Note("No per-tick latencies (tick_ms or histogram) and no sweep in this file: nothing to plot."));
        }

        return html.ToString();
    }

    /// <summary>Square-root rule, between 5 and 40 bins.</summary>
    public static int BinCount(int samples) => Math.Clamp((int)Math.Ceiling(Math.Sqrt(samples)), 5, 40);
}
