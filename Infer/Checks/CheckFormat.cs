using System.Globalization;

namespace Harness.Infer.Checks;

/// <summary>
/// How the checks write numbers into their messages: culture-invariant (CI logs read the same everywhere) and short,
/// so a reader (and a test) finds the evidence value in the message exactly as the JSON evidence holds it.
/// </summary>
public static class CheckFormat
{
    /// <summary>A measured value: "0", "8.01e+00", "4.8e-07", "NaN", "∞".</summary>
    public static string Number(double value) => value switch
    {
        0 => "0",
        double.NaN => "NaN",
        double.PositiveInfinity => "∞",
        double.NegativeInfinity => "−∞",
        _ => value.ToString("0.##e+00", CultureInfo.InvariantCulture),
    };

    /// <summary>A count.</summary>
    public static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A fraction as a percentage with one decimal: "12.3%".</summary>
    public static string Percent(double fraction) =>
        (fraction * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";
}
