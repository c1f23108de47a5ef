using System.Text;
using Harness.Pipeline.Report.Charts;
using Harness.Pipeline.Report.Inputs;

namespace Harness.Pipeline.Report.Sections;

/// <summary>
/// Training curves from metrics.jsonl (one JSON object per epoch, written by <c>train</c>): <c>epoch</c>,
/// <c>train_loss</c>, <c>val_loss</c>, <c>train_accuracy</c>, <c>val_accuracy</c>, <c>lr</c>, <c>grad_norm</c>,
/// <c>samples_per_second</c> (any of them may be absent; lines that are not JSON are counted and skipped).
/// </summary>
public sealed class TrainingSection : IReportSection
{
    public string Id => "training";

    public string Title => "Training curves";

    public SectionOutput Render(ReportContext context)
    {
        var path = context.File("metrics.jsonl");
        if (!File.Exists(path))
        {
            return new SectionOutput(Html.Missing("per-epoch metrics", path, "./harness train"), SectionStatus.Missing);
        }

        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (IOException e)
        {
            return new SectionOutput(Html.Unreadable(path, e.Message), SectionStatus.Error);
        }

        var epochs = new List<EpochRow>();
        var bad = new List<string>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Trim().Length == 0)
            {
                continue;
            }

            var node = JsonInput.ParseLine(lines[i], out var error);
            if (node is null)
            {
                bad.Add($"line {i + 1}: {error}");
                continue;
            }

            epochs.Add(new EpochRow(
                JsonInput.Number(node, "epoch") ?? epochs.Count + 1,
                JsonInput.Number(node, "train_loss"), JsonInput.Number(node, "val_loss"),
                JsonInput.Number(node, "train_accuracy"), JsonInput.Number(node, "val_accuracy"),
                JsonInput.Number(node, "lr"), JsonInput.Number(node, "grad_norm"), JsonInput.Number(node, "samples_per_second")));
        }

        if (epochs.Count == 0)
        {
            var reason = bad.Count == 0 ? "the file has no epochs yet" : string.Join("; ", bad.Take(3));
            return new SectionOutput(Html.Unreadable(path, reason), bad.Count == 0 ? SectionStatus.Missing : SectionStatus.Error);
        }

        var html = new StringBuilder();
        var best = epochs.Where(e => e.ValLoss is { } v && double.IsFinite(v)).MinBy(e => e.ValLoss!.Value);
        var markers = best is null ? [] : new[] { new VerticalMarker(best.Epoch, $"best val loss (epoch {best.Epoch:0})", Palette.Green) };
        var x = new AxisSpec("epoch", Integer: true);
        html.Append(Html.Note($"{epochs.Count} epochs from <code>{Html.E(path)}</code>" +
                              (best is null ? "." : $"; lowest validation loss {Html.Fixed(best.ValLoss)} at epoch {best.Epoch:0}.") +
                              " Click a legend entry to hide or show its line."));
        html.Append("<div class=\"grid\">");
        html.Append(Chart(context, epochs, "Loss", x, new AxisSpec("cross-entropy loss", "nats"), markers,
            ("train", Palette.Train, false, e => e.TrainLoss), ("validation", Palette.Validation, false, e => e.ValLoss)));
        html.Append(Chart(context, epochs, "Accuracy", x, new AxisSpec("accuracy", Percent: true), markers,
            ("train", Palette.Train, false, e => e.TrainAccuracy), ("validation", Palette.Validation, false, e => e.ValAccuracy)));
        html.Append(Chart(context, epochs, "Learning rate", x, new AxisSpec("learning rate", IncludeZero: true), [],
            ("lr", Palette.Purple, false, e => e.Lr)));
        html.Append(Chart(context, epochs, "Gradient norm", x, new AxisSpec("mean global L2 norm, before clipping", IncludeZero: true), [],
            ("grad norm", Palette.Vermillion, false, e => e.GradNorm)));
        html.Append(Chart(context, epochs, "Throughput", x, new AxisSpec("training throughput", "samples/s", IncludeZero: true), [],
            ("samples/s", Palette.Green, false, e => e.SamplesPerSecond)));
        html.Append("</div>");
        if (bad.Count > 0)
        {
            html.Append(Html.Unreadable(path, $"{bad.Count} line(s) skipped — {string.Join("; ", bad.Take(3))}"));
        }

        return new SectionOutput(html.ToString(), bad.Count > 0 ? SectionStatus.Partial : SectionStatus.Complete);
    }

    private static string Chart(ReportContext context, IReadOnlyList<EpochRow> epochs, string title, AxisSpec x, AxisSpec y, IReadOnlyList<VerticalMarker> markers,
        params (string Name, string Color, bool Dashed, Func<EpochRow, double?> Value)[] series)
    {
        var lines = series
            .Select(s => new LineSeries(s.Name, epochs.Where(e => s.Value(e).HasValue).Select(e => (e.Epoch, s.Value(e)!.Value)).ToList(), s.Color, s.Dashed))
            .Where(s => s.Points.Count > 0)
            .ToList();
        if (lines.Count == 0)
        {
            return $"<div class=\"chart-box empty\"><p class=\"note\">{Html.E(title)}: not recorded in metrics.jsonl.</p></div>";
        }

        return Html.Figure(LineChart.Render(new ChartSpec(context.NextId("train"), title), x, y, lines, markers));
    }

    /// <summary>One line of metrics.jsonl.</summary>
    internal sealed record EpochRow(double Epoch, double? TrainLoss, double? ValLoss, double? TrainAccuracy, double? ValAccuracy,
        double? Lr, double? GradNorm, double? SamplesPerSecond);
}
