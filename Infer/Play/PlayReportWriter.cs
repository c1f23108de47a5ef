using System.Globalization;
using System.Text;
using System.Text.Json;
using Harness.Core.Runs;

namespace Harness.Infer.Play;

/// <summary>Writes a <see cref="PlayReport"/> as play.json (machine-readable) and play.md (tables).</summary>
public static class PlayReportWriter
{
    public const string JsonFile = "play.json";
    public const string MarkdownFile = "play.md";

    private static readonly JsonSerializerOptions Options = new(RunFolder.Json) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>The JSON document: settings, acceptance summary, then one entry per condition.</summary>
    public static string ToJson(PlayReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var ratio = report.LearnedToExpertRatio;
        var document = new
        {
            model = report.Model,
            mc_model = report.McModel,
            mc_skip_reason = report.McSkipReason,
            agents = report.Agents,
            episodes = report.Episodes,
            episode_ticks = report.EpisodeTicks,
            decision_period = report.DecisionPeriod,
            mi_threshold = report.MiThreshold,
            mi_passes = report.MiPasses,
            action_selection = report.ActionSelection,
            seed = report.Seed,
            acceptance = new
            {
                learned_to_expert_in_distribution = ratio,
                target = PlayReport.TargetRatio,
                met = ratio >= PlayReport.TargetRatio,
                fallback_minus_learned_under_shift = report.Distributions.Skip(1)
                    .Select(d => d.Comparisons.FirstOrDefault(c => c.A == PlayRunner.Fallback && c.B == PlayRunner.Learned))
                    .Where(c => c is not null)
                    .Select(c => c!)
                    .Zip(report.Distributions.Skip(1), (c, d) => new { shift = d.Name, difference = c.MeanDifference, ci95 = c.Ci95, significant = c.SignificantlyBetter })
                    .ToArray(),
            },
            distributions = report.Distributions.Select(d => new
            {
                name = d.Name,
                knobs = d.Knobs,
                policies = d.Policies,
                comparisons = d.Comparisons.Select(c => new { a = c.A, b = c.B, mean_difference = c.MeanDifference, ci95 = c.Ci95, significant = c.SignificantlyBetter }),
            }),
            replays = report.Replays,
        };
        return JsonSerializer.Serialize(document, Options);
    }

    /// <summary>The Markdown report.</summary>
    public static string ToMarkdown(PlayReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var c = CultureInfo.InvariantCulture;
        var md = new StringBuilder();
        md.AppendLine("# Play: the exported policy in the Sim loop").AppendLine();
        md.AppendLine(c, $"- model: `{report.Model}`; MC graph: {(report.McModel is null ? report.McSkipReason : $"`{report.McModel}`")}");
        md.AppendLine(c, $"- {report.Agents} agents × {report.EpisodeTicks} ticks × {report.Episodes} episodes per policy and condition (same seeds for every policy); decision period {report.DecisionPeriod}");
        md.AppendLine(c, $"- actions: {report.ActionSelection}");
        md.AppendLine(c, $"- uncertainty-aware mode: T = {report.MiPasses} MC passes tiled in one ORT call per tick; an agent whose mutual information exceeds {report.MiThreshold:G4} nats takes the expert's action");
        var ratio = report.LearnedToExpertRatio;
        md.AppendLine(c, $"- **learned / expert in distribution: {ratio:P1}** (target ≥ {PlayReport.TargetRatio:P0}: {(ratio >= PlayReport.TargetRatio ? "met" : "NOT met")})");
        md.AppendLine();
        foreach (var d in report.Distributions)
        {
            md.AppendLine(c, $"## {d.Name} ({d.Knobs})").AppendLine();
            md.AppendLine("| policy | score per agent (mean ± 95% CI) | pickups | hits | fallback | mean MI | MI p50 / p90 / p99 | decide p50 / p99 ms |");
            md.AppendLine("|---|---|---|---|---|---|---|---|");
            foreach (var p in d.Policies)
            {
                md.AppendLine(c, $"| {p.Policy} | {p.Mean:F3} ± {p.Ci95:F3} | {p.PickupsPerAgent:F2} | {p.HitsPerAgent:F2} | " +
                                 $"{(p.FallbackRate is { } r ? r.ToString("P2", c) : "–")} | {(p.MeanMutualInformation is { } m ? m.ToString("F4", c) : "–")} | " +
                                 $"{(p.MiP50 is { } a ? $"{a:F4} / {p.MiP90:F4} / {p.MiP99:F4}" : "–")} | {p.DecideMsP50:F3} / {p.DecideMsP99:F3} |");
            }

            md.AppendLine().AppendLine("| paired difference (same episodes) | mean ± 95% CI | interval above 0 |").AppendLine("|---|---|---|");
            foreach (var cmp in d.Comparisons)
            {
                md.AppendLine(c, $"| {cmp.A} − {cmp.B} | {cmp.MeanDifference:+0.000;-0.000;0.000} ± {cmp.Ci95:F3} | {(cmp.SignificantlyBetter ? "yes" : "no")} |");
            }

            md.AppendLine();
        }

        if (report.Replays.Count > 0)
        {
            md.AppendLine("Replays: " + string.Join(", ", report.Replays.Select(r => $"`{Path.GetFileName(r)}`"))).AppendLine();
        }

        return md.ToString();
    }
}
