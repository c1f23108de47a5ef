using System.Text;
using System.Text.Json.Nodes;
using Harness.Pipeline.Report.Charts;
using Harness.Pipeline.Report.Inputs;

namespace Harness.Pipeline.Report.Sections;

/// <summary>
/// Monte-Carlo dropout uncertainty from uncertainty.json (written by <c>uncertainty</c>; snake_case): the clean-set
/// metrics of the deterministic and MC models (<c>deterministic</c>, <c>mc</c>: accuracy, nll, brier, ece,
/// adaptive_ece, aurc, excess_aurc, mean_* and <c>reliability</c> bins { lower, upper, count, mean_confidence,
/// accuracy }, <c>selective_accuracy</c> points { coverage, accuracy }), one entry per distribution shift in
/// <c>shifts</c> (shift, description, deterministic, mc, <c>ood</c> rows { model, score, auroc, aupr_out, aupr_in,
/// fpr_at95_tpr }, <c>mutual_information</c> and <c>predictive_entropy</c> histograms { edges, in_counts,
/// out_counts }), and <c>timing</c> (ms per example).
/// </summary>
public sealed class UncertaintySection : IReportSection
{
    public string Id => "uncertainty";

    public string Title => "Uncertainty (MC dropout)";

    public SectionOutput Render(ReportContext context)
    {
        var load = JsonInput.Load(context.File("uncertainty.json"));
        if (load.Node is not { } root)
        {
            return load.Error is { } e
                ? new SectionOutput(Html.Unreadable(load.Path, e), SectionStatus.Error)
                : new SectionOutput(Html.Missing("calibration and OOD results", load.Path, "./harness uncertainty"), SectionStatus.Missing);
        }

        var det = JsonInput.Get(root, "deterministic");
        var mc = JsonInput.Get(root, "mc");
        var passes = JsonInput.Number(root, "passes");
        var html = new StringBuilder();
        html.Append(Html.Note(
            $"{Html.Int(JsonInput.Number(root, "samples"))} test images, T = {Html.Int(passes)} MC passes, seed {Html.Int(JsonInput.Number(root, "seed"))}. " +
            $"Deployment model <code>{Html.E(JsonInput.Text(root, "model_path") ?? "?")}</code>, MC model <code>{Html.E(JsonInput.Text(root, "mc_model_path") ?? "?")}</code>." +
            (JsonInput.Text(root, "normalization_source") is { } n ? $" Input normalization: {Html.E(n)}." : "")));
        var partial = det is null || mc is null;
        if (det is not null || mc is not null)
        {
            html.Append("<h3>Clean test set</h3>").Append(MetricsTable(det, mc, passes));
            html.Append("<div class=\"grid\">");
            foreach (var (name, node, color) in new[] { ("Deterministic", det, Palette.Deterministic), ("MC dropout", mc, Palette.Mc) })
            {
                var bins = Bins(node);
                html.Append(bins.Count == 0
                    ? $"<div class=\"chart-box empty\"><p class=\"note\">{name}: no reliability bins in uncertainty.json.</p></div>"
                    : Html.Figure(ReliabilityDiagram.Render(new ChartSpec(context.NextId("reliability"),
                        $"Reliability — {name} (ECE {Html.Fixed(JsonInput.Number(node, "ece"), 3)})"), bins, color)));
            }

            html.Append(ConfidenceHistogram(context, det, mc)).Append(SelectiveAccuracy(context, det, mc)).Append("</div>");
        }
        else
        {
            html.Append(Html.Unreadable(load.Path, "no 'deterministic' or 'mc' results"));
        }

        var shifts = JsonInput.Objects(JsonInput.Get(root, "shifts"));
        if (shifts.Count > 0)
        {
            html.Append("<h3>Distribution shifts</h3>").Append(ShiftTable(shifts)).Append(OodTable(shifts))
                .Append(Html.Figure(AurocChart(context, shifts)));
            html.Append("<h3>Uncertainty in vs out of distribution</h3>")
                .Append(Html.Note("Share of clean (in-distribution) and shifted (out-of-distribution) test images per bin of the MC model's " +
                                  "mutual information (epistemic) and predictive entropy (total uncertainty). Separated histograms mean the score detects the shift."));
            html.Append("<div class=\"grid\">");
            foreach (var shift in shifts)
            {
                var label = JsonInput.Text(shift, "shift") ?? "shift";
                foreach (var (key, title, unit) in new[] { ("mutual_information", "mutual information", "nats"), ("predictive_entropy", "predictive entropy", "nats") })
                {
                    html.Append(ShiftHistogram(context, label, JsonInput.Get(shift, key), title, unit));
                }
            }

            html.Append("</div>");
        }
        else
        {
            html.Append(Html.Note("No distribution shifts in uncertainty.json (Uncertainty:Shifts was empty): no OOD table or in/out histograms."));
        }

        if (JsonInput.Get(root, "timing") is JsonObject timing)
        {
            html.Append("<h3>Inference cost</h3>").Append(TimingTable(timing, passes));
        }

        return new SectionOutput(html.ToString(), partial ? SectionStatus.Partial : SectionStatus.Complete);
    }

    /// <summary>The reliability bins of a prediction summary.</summary>
    public static IReadOnlyList<ReliabilityBinData> Bins(JsonNode? summary) =>
        JsonInput.Objects(JsonInput.Get(summary, "reliability"))
            .Select(b => new ReliabilityBinData(JsonInput.Number(b, "lower") ?? 0, JsonInput.Number(b, "upper") ?? 0,
                (int)(JsonInput.Number(b, "count") ?? 0), JsonInput.Number(b, "mean_confidence") ?? 0, JsonInput.Number(b, "accuracy") ?? 0))
            .Where(b => b.Upper > b.Lower)
            .ToList();

    private static string MetricsTable(JsonNode? det, JsonNode? mc, double? passes)
    {
        IReadOnlyList<string> Row(string label, string key, Func<double?, string> format, bool lowerIsBetter, bool mcOnly = false)
        {
            var (d, m) = (JsonInput.Number(det, key), JsonInput.Number(mc, key));
            var better = d.HasValue && m.HasValue && !mcOnly && d != m ? (lowerIsBetter ? m < d : m > d) : (bool?)null;
            return [Html.E(label), mcOnly ? "—" : format(d), better == true ? $"<strong class=\"best\">{format(m)}</strong>" : format(m)];
        }

        return Html.Table(["metric", "deterministic", $"MC dropout (T = {Html.Int(passes)})"],
        [
            Row("accuracy", "accuracy", v => Html.Pct(v), false),
            Row("NLL (nats)", "nll", v => Html.Fixed(v), true),
            Row("Brier score", "brier", v => Html.Fixed(v), true),
            Row("ECE (15 bins)", "ece", v => Html.Fixed(v), true),
            Row("adaptive ECE (15 equal-mass bins)", "adaptive_ece", v => Html.Fixed(v), true),
            Row("AURC", "aurc", v => Html.Fixed(v), true),
            Row("E-AURC", "excess_aurc", v => Html.Fixed(v), true),
            Row("mean predictive entropy (nats)", "mean_predictive_entropy", v => Html.Fixed(v), false),
            Row("mean mutual information (nats)", "mean_mutual_information", v => Html.Fixed(v), false, mcOnly: true),
            Row("mean variation ratio", "mean_variation_ratio", v => Html.Fixed(v), false, mcOnly: true),
        ], new HashSet<int> { 1, 2 }, caption: "MC better than deterministic in bold (for the metrics where lower or higher is better).", cssClass: "compact");
    }

    private static string ConfidenceHistogram(ReportContext context, JsonNode? det, JsonNode? mc)
    {
        var series = new List<HistogramSeries>();
        foreach (var (name, node, color) in new[] { ("deterministic", det, Palette.Deterministic), ("MC dropout", mc, Palette.Mc) })
        {
            var bins = Bins(node);
            if (bins.Count > 0)
            {
                series.Add(new HistogramSeries(name, [.. bins.Select(b => b.Lower), bins[^1].Upper], bins.Select(b => (double)b.Count).ToList(), color));
            }
        }

        return series.Count == 0
            ? ""
            : Html.Figure(HistogramChart.Render(new ChartSpec(context.NextId("confidence"), "Confidence distribution"),
                new AxisSpec("confidence (max probability)", Min: 0, Max: 1, Percent: true), new AxisSpec("share of images", Percent: true), series, asFraction: true,
                outlineOnly: true));
    }

    private static string SelectiveAccuracy(ReportContext context, JsonNode? det, JsonNode? mc)
    {
        var series = new List<LineSeries>();
        foreach (var (name, node, color) in new[] { ("deterministic", det, Palette.Deterministic), ("MC dropout", mc, Palette.Mc) })
        {
            var points = JsonInput.Objects(JsonInput.Get(node, "selective_accuracy"))
                .Select(p => (JsonInput.Number(p, "coverage"), JsonInput.Number(p, "accuracy")))
                .Where(p => p.Item1.HasValue && p.Item2.HasValue)
                .Select(p => (p.Item1!.Value, p.Item2!.Value))
                .ToList();
            if (points.Count > 0)
            {
                series.Add(new LineSeries(name, points, color));
            }
        }

        return series.Count == 0
            ? ""
            : Html.Figure(LineChart.Render(new ChartSpec(context.NextId("selective"), "Selective accuracy (most confident kept)"),
                new AxisSpec("coverage", Min: 0, Max: 1, Percent: true), new AxisSpec("accuracy on kept images", Percent: true, Max: 1), series));
    }

    private static string ShiftTable(IReadOnlyList<JsonObject> shifts) =>
        Html.Table(["shift", "description", "det. accuracy", "MC accuracy", "det. ECE", "MC ECE", "det. NLL", "MC NLL"],
            shifts.Select(s =>
            {
                var (d, m) = (JsonInput.Get(s, "deterministic"), JsonInput.Get(s, "mc"));
                return (IReadOnlyList<string>)
                [
                    $"<code>{Html.E(JsonInput.Text(s, "shift"))}</code>", Html.E(JsonInput.Text(s, "description")),
                    Html.Pct(JsonInput.Number(d, "accuracy")), Html.Pct(JsonInput.Number(m, "accuracy")),
                    Html.Fixed(JsonInput.Number(d, "ece"), 3), Html.Fixed(JsonInput.Number(m, "ece"), 3),
                    Html.Fixed(JsonInput.Number(d, "nll"), 3), Html.Fixed(JsonInput.Number(m, "nll"), 3),
                ];
            }), new HashSet<int> { 2, 3, 4, 5, 6, 7 }, caption: "How the models fare on shifted test images.");

    private static string OodTable(IReadOnlyList<JsonObject> shifts)
    {
        var rows = new List<IReadOnlyList<string>>();
        foreach (var s in shifts)
        {
            var ood = JsonInput.Objects(JsonInput.Get(s, "ood"));
            var best = ood.Where(o => JsonInput.Number(o, "auroc").HasValue).MaxBy(o => JsonInput.Number(o, "auroc")!.Value);
            foreach (var o in ood)
            {
                var auroc = Html.Fixed(JsonInput.Number(o, "auroc"), 3);
                rows.Add(
                [
                    $"<code>{Html.E(JsonInput.Text(s, "shift"))}</code>", Html.E(ModelName(JsonInput.Text(o, "model"))), Html.E(ScoreName(JsonInput.Text(o, "score"))),
                    ReferenceEquals(o, best) ? $"<strong class=\"best\">{auroc}</strong>" : auroc,
                    Html.Fixed(JsonInput.Number(o, "aupr_out"), 3), Html.Fixed(JsonInput.Number(o, "aupr_in"), 3), Html.Fixed(JsonInput.Number(o, "fpr_at95_tpr"), 3),
                ]);
            }
        }

        return Html.Table(["shift", "model", "score", "AUROC", "AUPR-Out", "AUPR-In", "FPR at 95% TPR"], rows, new HashSet<int> { 3, 4, 5, 6 },
            caption: "OOD detection: clean images are in-distribution, shifted images the positive (out) class; the best AUROC per shift in bold. " +
                     "FPR at 95% TPR: lower is better.", cssClass: "ood");
    }

    private static string AurocChart(ReportContext context, IReadOnlyList<JsonObject> shifts)
    {
        var keys = shifts.SelectMany(s => JsonInput.Objects(JsonInput.Get(s, "ood")))
            .Select(o => (Model: JsonInput.Text(o, "model") ?? "?", Score: JsonInput.Text(o, "score") ?? "?"))
            .Distinct().ToList();
        var categories = shifts.Select(s => JsonInput.Text(s, "shift") ?? "?").ToList();
        var series = keys.Select((k, i) => new BarSeries($"{ModelName(k.Model)} · {ScoreName(k.Score)}",
            shifts.Select(s => JsonInput.Objects(JsonInput.Get(s, "ood"))
                .Where(o => JsonInput.Text(o, "model") == k.Model && JsonInput.Text(o, "score") == k.Score)
                .Select(o => JsonInput.Number(o, "auroc") ?? double.NaN).DefaultIfEmpty(double.NaN).First()).ToList(),
            Palette.At(i))).ToList();
        var spec = new ChartSpec(context.NextId("auroc"), "OOD detection AUROC by shift and score", 760,
            BarChart.HeightFor(categories.Count, series.Select(x => x.Name).ToList(), 760), BarChart.MarginFor(categories), BarChart.ValueLabelMargin);
        return BarChart.Render(spec, categories, new AxisSpec("AUROC", Min: 0, Max: 1), series, [new VerticalMarker(0.5, "chance", Palette.Grey)]);
    }

    private static string ShiftHistogram(ReportContext context, string shift, JsonNode? pair, string title, string unit)
    {
        var edges = JsonInput.Numbers(JsonInput.Get(pair, "edges"));
        var inCounts = JsonInput.Numbers(JsonInput.Get(pair, "in_counts"));
        var outCounts = JsonInput.Numbers(JsonInput.Get(pair, "out_counts"));
        if (edges is null || inCounts is null || outCounts is null || edges.Count != inCounts.Count + 1 || inCounts.Count != outCounts.Count)
        {
            return $"<div class=\"chart-box empty\"><p class=\"note\">{Html.E(shift)}: no usable {Html.E(title)} histogram (edges and counts missing or of mismatched lengths).</p></div>";
        }

        return Html.Figure(HistogramChart.Render(new ChartSpec(context.NextId("inout"), $"{title} — {shift}"),
            new AxisSpec(title, unit), new AxisSpec("share of images", Percent: true),
            [new HistogramSeries("clean (in)", edges, inCounts, Palette.InDistribution), new HistogramSeries($"{shift} (out)", edges, outCounts, Palette.OutOfDistribution)],
            asFraction: true));
    }

    private static string TimingTable(JsonObject t, double? passes)
    {
        var det = JsonInput.Number(t, "deterministic_ms");
        var bulkDet = JsonInput.Number(t, "bulk_deterministic_ms");
        string Times(double? v, double? baseline) => v is { } a && baseline is { } b && b > 0 ? Html.Fixed(a / b, 1) + "×" : "—";
        var T = Html.Int(passes);
        return Html.Table(["run", "ms per example", "vs deterministic"],
        [
            ["batch 1, deterministic (1 call)", Html.Fixed(det), "1.0×"],
            [$"batch 1, MC tiled (1 call of {T} rows)", Html.Fixed(JsonInput.Number(t, "mc_tiled_ms")), Times(JsonInput.Number(t, "mc_tiled_ms"), det)],
            [$"batch 1, MC loop ({T} calls of 1 row)", Html.Fixed(JsonInput.Number(t, "mc_loop_ms")), Times(JsonInput.Number(t, "mc_loop_ms"), det)],
            ["whole set, deterministic", Html.Fixed(bulkDet), "1.0×"],
            ["whole set, MC tiled", Html.Fixed(JsonInput.Number(t, "bulk_mc_tiled_ms")), Times(JsonInput.Number(t, "bulk_mc_tiled_ms"), bulkDet)],
        ], new HashSet<int> { 1, 2 }, caption: $"{Html.Int(JsonInput.Number(t, "batch1_examples"))} examples timed one at a time.", cssClass: "compact");
    }

    private static string ModelName(string? model) => model switch
    {
        "mc" => "MC dropout",
        null => "?",
        _ => model,
    };

    private static string ScoreName(string? score) => score switch
    {
        "max_softmax_probability" => "MSP",
        "predictive_entropy" => "entropy",
        "mutual_information" => "mutual information",
        null => "?",
        _ => score,
    };
}
