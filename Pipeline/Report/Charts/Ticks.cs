using System.Globalization;

namespace Harness.Pipeline.Report.Charts;

/// <summary>
/// "Nice" axis ticks (Heckbert's method): a step of 1, 2, 2.5 or 5 × 10ᵏ close to range / target, and ticks at the
/// multiples of the step that cover the data, so the axis starts and ends on a labelled tick.
/// </summary>
public static class Ticks
{
    /// <summary>The nice step for <paramref name="range"/> split into about <paramref name="target"/> intervals.</summary>
    public static double NiceStep(double range, int target)
    {
        if (!(range > 0) || !double.IsFinite(range))
        {
            return 1;
        }

        var raw = range / Math.Max(1, target);
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var fraction = raw / magnitude;
        var nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10;
        return nice * magnitude;
    }

    /// <summary>
    /// Ticks from ⌊min/step⌋·step to ⌈max/step⌉·step. A zero-width domain is widened (±1 around 0, else ±10 %);
    /// <paramref name="integer"/> keeps the step at 1 or more (epochs, counts).
    /// </summary>
    public static IReadOnlyList<double> Nice(double min, double max, int target = 5, bool integer = false)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max))
        {
            (min, max) = (0, 1);
        }

        if (min > max)
        {
            (min, max) = (max, min);
        }

        if (min == max)
        {
            var pad = integer ? 1 : min == 0 ? 1 : Math.Abs(min) * 0.1;
            (min, max) = (min - pad, max + pad);
        }

        var step = NiceStep(max - min, target);
        if (integer)
        {
            step = Math.Max(1, Math.Round(step));
        }

        var first = Math.Floor(min / step + 1e-9);
        var last = Math.Ceiling(max / step - 1e-9);
        var ticks = new List<double>();
        for (var k = first; k <= last; k++)
        {
            ticks.Add(Clean(k * step));
        }

        return ticks;
    }

    /// <summary>Decimals needed to write every multiple of <paramref name="step"/> exactly (at most 8).</summary>
    public static int Decimals(double step)
    {
        step = Math.Abs(step);
        for (var d = 0; d < 8; d++)
        {
            var scaled = step * Math.Pow(10, d);
            if (Math.Abs(scaled - Math.Round(scaled)) < 1e-6 * Math.Max(1, scaled))
            {
                return d;
            }
        }

        return 8;
    }

    /// <summary>
    /// A tick label: as a percentage when <paramref name="percent"/> (0.25 → "25%"); with k/M suffixes from 10⁴ up;
    /// in e-notation for steps below 10⁻³ ("5e-4"); otherwise with the decimals the step needs.
    /// </summary>
    public static string Format(double value, double step, bool percent = false)
    {
        if (value == 0)
        {
            return percent ? "0%" : "0";
        }

        if (percent)
        {
            return (value * 100).ToString("F" + Decimals(step * 100), CultureInfo.InvariantCulture) + "%";
        }

        var magnitude = Math.Abs(value);
        if (magnitude >= 1e6 && step >= 1e5)
        {
            return (value / 1e6).ToString("F" + Decimals(step / 1e6), CultureInfo.InvariantCulture) + "M";
        }

        if (magnitude >= 1e4 && step >= 1e3)
        {
            return (value / 1e3).ToString("F" + Decimals(step / 1e3), CultureInfo.InvariantCulture) + "k";
        }

        if (step < 1e-3)
        {
            return value.ToString("0.###e0", CultureInfo.InvariantCulture);
        }

        return value.ToString("F" + Decimals(step), CultureInfo.InvariantCulture);
    }

    /// <summary>Removes floating-point noise from k·step (0.30000000000000004 → 0.3).</summary>
    private static double Clean(double value) => value == 0 ? 0 : double.Parse(value.ToString("G12", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
