namespace Harness.Pipeline.Report.Charts;

/// <summary>
/// The report's colours, one meaning each, from the Okabe–Ito palette (distinguishable with the common colour-vision
/// deficiencies). Train, deterministic and in-distribution share blue; validation, MC dropout and shifted data orange.
/// </summary>
public static class Palette
{
    public const string Blue = "#0072B2";
    public const string Orange = "#E69F00";
    public const string Green = "#009E73";
    public const string Vermillion = "#D55E00";
    public const string Purple = "#CC79A7";
    public const string Sky = "#56B4E9";
    public const string Grey = "#6B7280";
    public const string Ink = "#1F2937";

    public const string Train = Blue;
    public const string Validation = Orange;
    public const string Deterministic = Blue;
    public const string Mc = Orange;
    public const string InDistribution = Blue;
    public const string OutOfDistribution = Vermillion;

    /// <summary>Colours for an open-ended list of series, in order.</summary>
    public static readonly IReadOnlyList<string> Cycle = [Blue, Orange, Green, Vermillion, Purple, Sky, Grey];

    public static string At(int index) => Cycle[((index % Cycle.Count) + Cycle.Count) % Cycle.Count];
}
