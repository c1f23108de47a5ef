using System.Globalization;
using System.Text.Json.Serialization;

namespace Harness.Train.Ablation;

/// <summary>
/// What the table says about the full stack against no regularization: the ratio of their train–test gaps (the
/// bar is at most <see cref="GapBar"/>) and whether the full stack has the best test accuracy of the table.
/// </summary>
public sealed record AblationVerdict(
    [property: JsonPropertyName("gap_ratio")] double GapRatio,
    [property: JsonPropertyName("full_stack_best_test_accuracy")] bool FullStackBest,
    [property: JsonPropertyName("best_variant")] string BestVariant)
{
    /// <summary>The bar: the full stack's gap is at most half of the unregularized one.</summary>
    public const double GapBar = 0.5;

    /// <summary><see cref="GapBar"/>, written into ablation.json next to the ratio.</summary>
    [JsonPropertyName("max_gap_ratio")]
    public double MaxGapRatio => GapBar;

    /// <summary>Whether both halves of the bar hold.</summary>
    [JsonPropertyName("met")]
    public bool Met => GapRatio <= GapBar && FullStackBest;

    /// <summary>The verdict of <paramref name="rows"/>, or null unless both "none" and "full-stack" were measured.</summary>
    public static AblationVerdict? From(IReadOnlyList<AblationRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var none = rows.FirstOrDefault(r => r.Variant == "none");
        var full = rows.FirstOrDefault(r => r.Variant == "full-stack");
        if (none is null || full is null)
        {
            return null;
        }

        var best = rows.MaxBy(r => r.TestAccuracy)!;
        var ratio = none.Gap > 0 ? full.Gap / none.Gap : double.PositiveInfinity;
        return new AblationVerdict(ratio, rows.All(r => r.TestAccuracy <= full.TestAccuracy), best.Variant);
    }

    /// <summary>One Markdown line under the table.</summary>
    public string ToMarkdown() => string.Create(CultureInfo.InvariantCulture,
        $"Full stack vs none: gap ratio {GapRatio:F3} (bar ≤ {GapBar}); best test accuracy: {BestVariant}" +
        $"{(FullStackBest ? "" : " (not the full stack)")} → {(Met ? "met" : "not met")}.");
}
