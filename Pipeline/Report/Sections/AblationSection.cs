using System.Text;
using Harness.Pipeline.Report.Charts;
using Harness.Pipeline.Report.Inputs;

namespace Harness.Pipeline.Report.Sections;

/// <summary>
/// The regularization ablation tables, from <c>&lt;run&gt;/ablation-small/ablation.json</c> and
/// <c>&lt;run&gt;/ablation-full/ablation.json</c> (written by <c>ablation</c> under runs/&lt;Run:Name&gt;/ablation-&lt;regime&gt;/):
/// <c>{ "regime": "small", "rows": [ { "variant", "description", "train_accuracy", "test_accuracy", "gap",
/// "test_nll", "test_ece", "epochs_used", "training_seconds" } ] }</c>.
/// </summary>
public sealed class AblationSection : IReportSection
{
    public static readonly string[] Regimes = ["small", "full"];

    public string Id => "ablation";

    public string Title => "Regularization ablation";

    public SectionOutput Render(ReportContext context)
    {
        var html = new StringBuilder();
        var found = 0;
        var errors = 0;
        foreach (var regime in Regimes)
        {
            var load = JsonInput.Load(Path.Combine(context.RunFolder, $"ablation-{regime}", "ablation.json"));
            html.Append($"<h3>{Html.E(regime)} regime</h3>");
            if (load.Node is null)
            {
                errors += load.Error is null ? 0 : 1;
                html.Append(load.Error is { } e
                    ? Html.Unreadable(load.Path, e)
                    : Html.Missing($"the {regime} ablation", load.Path, $"./harness ablation --Ablation:Regime={regime} --Run:Name={context.RunName}"));
                continue;
            }

            var rows = JsonInput.Objects(JsonInput.Get(load.Node, "rows")).Select(r => new Row(
                JsonInput.Text(r, "variant") ?? "?",
                JsonInput.Text(r, "description") ?? JsonInput.Text(r, "variant") ?? "?",
                JsonInput.Number(r, "train_accuracy"), JsonInput.Number(r, "test_accuracy"), JsonInput.Number(r, "gap"),
                JsonInput.Number(r, "test_nll"), JsonInput.Number(r, "test_ece"), JsonInput.Number(r, "epochs_used"),
                JsonInput.Number(r, "training_seconds"))).ToList();
            if (rows.Count == 0)
            {
                html.Append(Html.Unreadable(load.Path, "no rows (the ablation has not finished a variant yet)"));
                errors++;
                continue;
            }

            found++;
            html.Append(Render(context, regime, rows));
        }

        var status = found == Regimes.Length ? SectionStatus.Complete
            : found > 0 ? SectionStatus.Partial
            : errors > 0 ? SectionStatus.Error : SectionStatus.Missing;
        return new SectionOutput(html.ToString(), status);
    }

    private static string Render(ReportContext context, string regime, IReadOnlyList<Row> rows)
    {
        var bestTest = rows.Where(r => r.TestAccuracy.HasValue).MaxBy(r => r.TestAccuracy!.Value);
        var bestNll = rows.Where(r => r.TestNll.HasValue).MinBy(r => r.TestNll!.Value);
        var bestEce = rows.Where(r => r.TestEce.HasValue).MinBy(r => r.TestEce!.Value);
        string Mark(Row r, Row? best, string text) => ReferenceEquals(r, best) ? $"<strong class=\"best\">{text}</strong>" : text;
        var table = Html.Table(
            ["variant", "description", "train acc", "test acc", "gap", "test NLL (nats)", "ECE", "epochs", "time"],
            rows.Select(r => (IReadOnlyList<string>)
            [
                $"<code>{Html.E(r.Variant)}</code>", Html.E(r.Description), Html.Pct(r.TrainAccuracy, 1),
                Mark(r, bestTest, Html.Pct(r.TestAccuracy, 1)), Html.Pct(r.Gap, 1), Mark(r, bestNll, Html.Fixed(r.TestNll, 3)),
                Mark(r, bestEce, Html.Fixed(r.TestEce, 3)), Html.Int(r.Epochs), Html.Seconds(r.Seconds),
            ]),
            new HashSet<int> { 2, 3, 4, 5, 6, 7, 8 },
            caption: $"Same model and budget per variant ({Html.E(regime)} regime); best test accuracy, NLL and ECE in bold.");
        var categories = rows.Select(r => r.Description).ToList();
        var series = new List<BarSeries>
        {
            new("train accuracy", rows.Select(r => r.TrainAccuracy ?? double.NaN).ToList(), Palette.Train),
            new("test accuracy", rows.Select(r => r.TestAccuracy ?? double.NaN).ToList(), Palette.Validation),
        };
        var spec = new ChartSpec(context.NextId("ablation"), $"Accuracy by variant ({regime})", 760,
            BarChart.HeightFor(rows.Count, series.Select(x => x.Name).ToList(), 760), BarChart.MarginFor(categories), BarChart.ValueLabelMargin);
        return table + Html.Figure(BarChart.Render(spec, categories, new AxisSpec("accuracy", Min: 0, Max: 1, Percent: true), series));
    }

    private sealed record Row(string Variant, string Description, double? TrainAccuracy, double? TestAccuracy, double? Gap,
        double? TestNll, double? TestEce, double? Epochs, double? Seconds);
}
