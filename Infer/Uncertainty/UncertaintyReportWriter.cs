using Harness.Core.Metrics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Harness.Infer.Uncertainty;

/// <summary>Writes an <see cref="UncertaintyReport"/> as JSON (snake_case keys, for tools and plots) and as Markdown tables.</summary>
public static class UncertaintyReportWriter
{
    /// <summary>The JSON settings: indented, snake_case, enums as snake_case strings, NaN/∞ written as strings.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>The report as JSON.</summary>
    public static string ToJson(UncertaintyReport report) => JsonSerializer.Serialize(report, JsonOptions);

    /// <summary>The report as a human-readable Markdown document.</summary>
    public static string ToMarkdown(UncertaintyReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var md = new StringBuilder();
        var (det, mc) = (report.Deterministic, report.Mc);
        md.AppendLine("# Uncertainty report").AppendLine()
            .AppendLine(Invariant($"- deployment model: `{report.ModelPath}`"))
            .AppendLine(Invariant($"- MC-dropout model: `{report.McModelPath}`"))
            .AppendLine(Invariant($"- {report.Samples} test images, T = {report.Passes} MC passes, at most {report.MaxRowsPerCall} rows per ORT call, seed {report.Seed}"))
            .AppendLine(Invariant($"- input normalization: {report.NormalizationSource}"))
            .AppendLine().AppendLine("## Clean test set").AppendLine()
            .AppendLine(Invariant($"| metric | deterministic | MC dropout (T = {report.Passes}) |"))
            .AppendLine("|---|---:|---:|");
        Row(md, "accuracy", Percent(det.Accuracy), Percent(mc.Accuracy));
        Row(md, "NLL (nats)", Number(det.Nll), Number(mc.Nll));
        Row(md, "Brier", Number(det.Brier), Number(mc.Brier));
        Row(md, "ECE (15 bins)", Number(det.Ece), Number(mc.Ece));
        Row(md, "adaptive ECE (15 equal-mass bins)", Number(det.AdaptiveEce), Number(mc.AdaptiveEce));
        Row(md, "AURC", Number(det.Aurc), Number(mc.Aurc));
        Row(md, "E-AURC", Number(det.ExcessAurc), Number(mc.ExcessAurc));
        Row(md, "mean predictive entropy", Number(det.MeanPredictiveEntropy), Number(mc.MeanPredictiveEntropy));
        Row(md, "mean mutual information", "—", Number(mc.MeanMutualInformation));
        Row(md, "mean variation ratio", "—", Number(mc.MeanVariationRatio));

        md.AppendLine().AppendLine("### Reliability (15 equal-width bins of max probability)").AppendLine()
            .AppendLine("| bin | det. count | det. confidence | det. accuracy | MC count | MC confidence | MC accuracy |")
            .AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        for (var b = 0; b < Math.Min(det.Reliability.Count, mc.Reliability.Count); b++)
        {
            var (d, m) = (det.Reliability[b], mc.Reliability[b]);
            Row(md, Invariant($"[{d.Lower:0.000}, {d.Upper:0.000})"), Count(d.Count), BinValue(d, d.MeanConfidence),
                BinValue(d, d.Accuracy), Count(m.Count), BinValue(m, m.MeanConfidence), BinValue(m, m.Accuracy));
        }

        md.AppendLine().AppendLine("### Selective accuracy (most confident fraction kept)").AppendLine()
            .AppendLine("| coverage | deterministic | MC dropout |").AppendLine("|---:|---:|---:|");
        for (var p = 0; p < Math.Min(det.SelectiveAccuracy.Count, mc.SelectiveAccuracy.Count); p++)
        {
            Row(md, Percent(det.SelectiveAccuracy[p].Coverage), Percent(det.SelectiveAccuracy[p].Accuracy),
                Percent(mc.SelectiveAccuracy[p].Accuracy));
        }

        if (report.Shifts.Count > 0)
        {
            md.AppendLine().AppendLine("## Distribution shifts").AppendLine()
                .AppendLine("| shift | description | det. accuracy | MC accuracy | det. ECE | MC ECE | det. NLL | MC NLL |")
                .AppendLine("|---|---|---:|---:|---:|---:|---:|---:|");
            foreach (var s in report.Shifts)
            {
                Row(md, $"`{s.Shift}`", s.Description, Percent(s.Deterministic.Accuracy), Percent(s.Mc.Accuracy),
                    Number(s.Deterministic.Ece), Number(s.Mc.Ece), Number(s.Deterministic.Nll), Number(s.Mc.Nll));
            }

            md.AppendLine().AppendLine("### OOD detection (clean = in, shifted = out; OOD is the positive class)").AppendLine()
                .AppendLine("Scores: MSP as 1 − max p, entropy of the (mean) prediction, mutual information (MC only). " +
                            "AUPR-Out takes OOD as positive, AUPR-In the clean images.").AppendLine()
                .AppendLine("| shift | model | score | AUROC | AUPR-Out | AUPR-In | FPR at 95% TPR |")
                .AppendLine("|---|---|---|---:|---:|---:|---:|");
            foreach (var s in report.Shifts)
            {
                foreach (var o in s.Ood)
                {
                    Row(md, $"`{s.Shift}`", o.Model, ScoreName(o.Score), Number(o.Auroc), Number(o.AuprOut),
                        Number(o.AuprIn), Number(o.FprAt95Tpr));
                }
            }
        }

        if (report.Timing is { } t)
        {
            md.AppendLine().AppendLine("## Timing (ms per example)").AppendLine()
                .AppendLine("| run | ms/example | vs deterministic |").AppendLine("|---|---:|---:|");
            Row(md, "batch 1, deterministic (1 call)", Ms(t.DeterministicMs), "1.0×");
            Row(md, Invariant($"batch 1, MC tiled (1 call of {report.Passes} rows)"), Ms(t.McTiledMs), Times(t.McTiledMs / t.DeterministicMs));
            Row(md, Invariant($"batch 1, MC loop ({report.Passes} calls of 1 row)"), Ms(t.McLoopMs), Times(t.McLoopMs / t.DeterministicMs));
            Row(md, "whole set, deterministic", Ms(t.BulkDeterministicMs), "1.0×");
            Row(md, "whole set, MC tiled", Ms(t.BulkMcTiledMs), Times(t.BulkMcTiledMs / t.BulkDeterministicMs));
            md.AppendLine().AppendLine(Invariant(
                $"Tiled MC is {t.TiledSpeedupOverLoop:0.0}× faster than {report.Passes} separate calls at batch 1 ({t.Batch1Examples} examples timed)."));
        }

        return md.ToString();
    }

    private static void Row(StringBuilder md, params string[] cells) => md.Append("| ").AppendJoin(" | ", cells).AppendLine(" |");

    private static string ScoreName(OodScore score) => score switch
    {
        OodScore.MaxSoftmaxProbability => "MSP",
        OodScore.PredictiveEntropy => "entropy",
        _ => "mutual information",
    };

    private static string BinValue(ReliabilityBin bin, double value) => bin.Count == 0 ? "—" : Number(value);

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Percent(double value) => Invariant($"{100 * value:0.00}%");

    private static string Number(double value) => Invariant($"{value:0.0000}");

    private static string Ms(double value) => Invariant($"{value:0.0000}");

    private static string Times(double value) => Invariant($"{value:0.0}×");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
