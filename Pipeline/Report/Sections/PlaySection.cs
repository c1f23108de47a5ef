using System.Globalization;
using System.Text;
using Harness.Pipeline.Report.Charts;
using Harness.Pipeline.Report.Inputs;

namespace Harness.Pipeline.Report.Sections;

/// <summary>
/// The Sim policy in the loop, from <c>&lt;play folder&gt;/play.json</c> (written by <c>play</c>; the play folder is the
/// policy's run, <c>report --play DIR</c>): the acceptance figures (learned ÷ expert in distribution; the fallback's
/// paired gain per shift), a bar chart of the mean score per policy and condition, and one table per condition.
/// <c>{ "acceptance": { "learned_to_expert_in_distribution", "target", "fallback_minus_learned_under_shift": [ { "shift",
/// "difference", "ci95", "significant" } ] }, "distributions": [ { "name", "knobs", "policies": [ { "policy", "mean",
/// "ci95", "pickups_per_agent", "hits_per_agent", "fallback_rate" } ] } ] }</c>.
/// </summary>
public sealed class PlaySection : IReportSection
{
    public string Id => "play";

    public string Title => "Policy in the loop";

    public SectionOutput Render(ReportContext context)
    {
        var load = JsonInput.Load(Path.Combine(context.PlayFolder, "play.json"));
        if (load.Node is null)
        {
            return load.Error is { } e
                ? new SectionOutput(Html.Unreadable(load.Path, e), SectionStatus.Error)
                : new SectionOutput(Html.Missing("the play results", load.Path, "./harness play --profile policy && ./harness report --play runs/policy"), SectionStatus.Missing);
        }

        var conditions = JsonInput.Objects(JsonInput.Get(load.Node, "distributions")).Select(d => new Condition(
            JsonInput.Text(d, "name") ?? "?", JsonInput.Text(d, "knobs") ?? "",
            JsonInput.Objects(JsonInput.Get(d, "policies")).Select(p => new Policy(
                JsonInput.Text(p, "policy") ?? "?", JsonInput.Number(p, "mean"), JsonInput.Number(p, "ci95"),
                JsonInput.Number(p, "pickups_per_agent"), JsonInput.Number(p, "hits_per_agent"), JsonInput.Number(p, "fallback_rate"))).ToList()))
            .Where(c => c.Policies.Count > 0).ToList();
        if (conditions.Count == 0)
        {
            return new SectionOutput(Html.Unreadable(load.Path, "no condition with policy scores"), SectionStatus.Error);
        }

        var html = new StringBuilder();
        html.Append(Acceptance(load.Node));
        html.Append(ScoreChart(context, conditions));
        foreach (var c in conditions)
        {
            html.Append(Html.Table(
                ["policy", "score per agent", "± 95% CI", "pickups", "hits", "fallback"],
                c.Policies.Select(p => (IReadOnlyList<string>)
                [
                    $"<code>{Html.E(p.Name)}</code>", Html.Fixed(p.Mean, 2), Html.Fixed(p.Ci95, 2), Html.Fixed(p.Pickups, 2),
                    Html.Fixed(p.Hits, 2), p.FallbackRate is null ? "–" : Html.Pct(p.FallbackRate, 1),
                ]),
                new HashSet<int> { 1, 2, 3, 4, 5 },
                caption: $"{Html.E(c.Name)} ({Html.E(c.Knobs)})"));
        }

        return new SectionOutput(html.ToString(), SectionStatus.Complete);
    }

    private static string Acceptance(System.Text.Json.Nodes.JsonNode node)
    {
        var acceptance = JsonInput.Get(node, "acceptance");
        if (acceptance is null)
        {
            return "";
        }

        var ratio = JsonInput.Number(acceptance, "learned_to_expert_in_distribution");
        var target = JsonInput.Number(acceptance, "target");
        var cards = new List<(string, string, string?)>
        {
            ("learned ÷ expert, in distribution", Html.Pct(ratio, 1), target is { } t ? $"target ≥ {Html.Pct(t, 0)}" : null),
        };
        foreach (var shift in JsonInput.Objects(JsonInput.Get(acceptance, "fallback_minus_learned_under_shift")))
        {
            var difference = JsonInput.Number(shift, "difference");
            var ci = JsonInput.Number(shift, "ci95");
            var value = difference is { } d ? d.ToString("+0.00;−0.00", CultureInfo.InvariantCulture) : "–";
            cards.Add(($"fallback − learned: {JsonInput.Text(shift, "shift") ?? "?"}", value,
                $"± {Html.Fixed(ci, 2)}{(JsonInput.Bool(JsonInput.Get(shift, "significant")) == true ? ", interval above 0" : "")}"));
        }

        return Html.Cards(cards);
    }

    private static string ScoreChart(ReportContext context, IReadOnlyList<Condition> conditions)
    {
        var names = conditions.SelectMany(c => c.Policies.Select(p => p.Name)).Distinct().ToList();
        var categories = conditions.Select(c => c.Name).ToList();
        var series = names.Select((name, i) => new BarSeries(name,
            conditions.Select(c => c.Policies.FirstOrDefault(p => p.Name == name)?.Mean ?? double.NaN).ToList(),
            Palette.Cycle[i % Palette.Cycle.Count])).ToList();
        var spec = new ChartSpec(context.NextId("play"), "Mean score per agent by condition", 760,
            BarChart.HeightFor(categories.Count, names, 760), BarChart.MarginFor(categories), BarChart.ValueLabelMargin);
        return Html.Figure(BarChart.Render(spec, categories, new AxisSpec("score per agent"), series),
            "Same episodes and seeds for every policy; the fallback hands agents whose mutual information exceeds the threshold to the expert.");
    }

    private sealed record Condition(string Name, string Knobs, IReadOnlyList<Policy> Policies);

    private sealed record Policy(string Name, double? Mean, double? Ci95, double? Pickups, double? Hits, double? FallbackRate);
}
