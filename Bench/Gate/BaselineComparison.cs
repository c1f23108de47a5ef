using System.Globalization;
using System.Text;

namespace Harness.Bench.Gate;

/// <summary>The outcome for one figure.</summary>
public enum Verdict
{
    /// <summary>Within the allowed regression.</summary>
    Ok,

    /// <summary>Better than the baseline by more than the allowed percentage.</summary>
    Improved,

    /// <summary>Worse than the baseline by more than the allowed percentage: the gate fails.</summary>
    Regressed,

    /// <summary>In the baseline, not measured now (reported, does not fail the gate).</summary>
    Missing,

    /// <summary>Measured now, not in the baseline (reported, does not fail the gate).</summary>
    New,

    /// <summary>The baseline value is 0 or not finite, or the figure's direction or unit changed: no percentage.</summary>
    NotComparable,
}

/// <summary>One row of the comparison table.</summary>
/// <param name="Change">(now − baseline) / baseline × 100, null when there is no pair to compare.</param>
/// <param name="Regression">The change in the bad direction (positive = worse), null likewise.</param>
public sealed record ComparisonRow(string Name, string Unit, Better Better, double? Baseline, double? Now, double? Change,
    double? Regression, Verdict Verdict);

/// <summary>Pure comparison of measured figures with a baseline: direction-aware percentages and verdicts.</summary>
public static class BaselineComparison
{
    /// <summary>
    /// One row per figure of either set (baseline order, then new figures): change % = (now − base) / base · 100;
    /// the regression is the change for lower-is-better figures and its negation for higher-is-better ones; above
    /// <paramref name="maxRegressionPercent"/> it is <see cref="Verdict.Regressed"/>, below −<paramref name="maxRegressionPercent"/>
    /// <see cref="Verdict.Improved"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The threshold is negative or not finite.</exception>
    public static IReadOnlyList<ComparisonRow> Compare(IReadOnlyList<GateFigure> baseline, IReadOnlyList<GateFigure> now,
        double maxRegressionPercent)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(now);
        if (!double.IsFinite(maxRegressionPercent) || maxRegressionPercent < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxRegressionPercent), maxRegressionPercent, "must be a finite percentage >= 0");
        }

        var current = new Dictionary<string, GateFigure>(StringComparer.Ordinal);
        foreach (var figure in now)
        {
            current[figure.Name] = figure;
        }

        var rows = new List<ComparisonRow>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var old in baseline)
        {
            if (!seen.Add(old.Name))
            {
                continue; // a duplicated baseline entry: the first one counts
            }

            if (!current.TryGetValue(old.Name, out var fresh))
            {
                rows.Add(new ComparisonRow(old.Name, old.Unit, old.Better, old.Value, null, null, null, Verdict.Missing));
                continue;
            }

            rows.Add(Row(old, fresh, maxRegressionPercent));
        }

        foreach (var fresh in now.Where(f => !seen.Contains(f.Name)).DistinctBy(f => f.Name))
        {
            rows.Add(new ComparisonRow(fresh.Name, fresh.Unit, fresh.Better, null, fresh.Value, null, null, Verdict.New));
        }

        return rows;
    }

    /// <summary>Whether any row fails the gate.</summary>
    public static bool HasRegression(IEnumerable<ComparisonRow> rows) => rows.Any(r => r.Verdict == Verdict.Regressed);

    /// <summary>A Markdown table: figure, baseline, now, change %, verdict.</summary>
    public static string FormatTable(IReadOnlyList<ComparisonRow> rows, double maxRegressionPercent)
    {
        var text = new StringBuilder();
        text.AppendLine("| figure | better | baseline | now | change % | verdict |");
        text.AppendLine("|---|---|--:|--:|--:|---|");
        foreach (var row in rows)
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {row.Name} ({row.Unit}) | {row.Better.ToString().ToLowerInvariant()} | {Number(row.Baseline)} | {Number(row.Now)} | " +
                $"{(row.Change is { } c ? c.ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture) : "–")} | {Describe(row, maxRegressionPercent)} |"));
        }

        return text.ToString();
    }

    private static ComparisonRow Row(GateFigure old, GateFigure fresh, double max)
    {
        if (old.Better != fresh.Better || !string.Equals(old.Unit, fresh.Unit, StringComparison.Ordinal) ||
            !double.IsFinite(old.Value) || old.Value == 0 || !double.IsFinite(fresh.Value))
        {
            return new ComparisonRow(fresh.Name, fresh.Unit, fresh.Better, old.Value, fresh.Value, null, null, Verdict.NotComparable);
        }

        var change = (fresh.Value - old.Value) / Math.Abs(old.Value) * 100;
        var regression = fresh.Better == Better.Lower ? change : -change;
        var verdict = regression > max ? Verdict.Regressed : regression < -max ? Verdict.Improved : Verdict.Ok;
        return new ComparisonRow(fresh.Name, fresh.Unit, fresh.Better, old.Value, fresh.Value, change, regression, verdict);
    }

    private static string Describe(ComparisonRow row, double max) => row.Verdict switch
    {
        Verdict.Regressed => string.Create(CultureInfo.InvariantCulture, $"REGRESSED ({row.Regression:0.0}% worse > {max:0.#}%)"),
        Verdict.Improved => "improved",
        Verdict.Ok => "ok",
        Verdict.Missing => "missing: not measured now",
        Verdict.New => "new: not in the baseline",
        _ => "not comparable (unit, direction or a zero/non-finite value)",
    };

    private static string Number(double? value) => value switch
    {
        null => "–",
        { } v when Math.Abs(v) >= 1000 => v.ToString("0", CultureInfo.InvariantCulture),
        { } v => v.ToString("0.###", CultureInfo.InvariantCulture),
    };
}
