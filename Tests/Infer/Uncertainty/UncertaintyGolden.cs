using System.Text.Json;
using Harness.Tests.Golden;

namespace Harness.Tests.Infer.Uncertainty;

/// <summary>The committed numpy goldens of Tests/Golden/make_golden_uncertainty.py (uncertainty_golden.json).</summary>
internal static class UncertaintyGolden
{
    /// <summary>
    /// Metrics computed in double from the same float32 inputs by numpy/Python loops and by the C# code: only summation
    /// order and libm's last-ulp differences in exp/log separate them (~1e−15 relative on sums of ≤ 300 terms of
    /// magnitude ≤ ~10), so 1e−12 absolute leaves three orders of margin while a definitional difference (a tie rule,
    /// 1/T vs 1/(T − 1), equal-width vs equal-mass bins, AP vs trapezoidal AUPR) moves the results by ≥ 1e−4 on these
    /// data.
    /// </summary>
    public const double DoubleRoundoff = 1e-12;

    private static readonly Lazy<JsonElement> Root = new(() => GoldenData.Load("uncertainty_golden.json"));

    public static JsonElement Data => Root.Value;

    public static int Classes => Data.GetProperty("classes").GetInt32();

    public static float[] Probabilities => Data.GetProperty("probs").Floats();

    public static float[] OutProbabilities => Data.GetProperty("out_probs").Floats();

    public static float[] Logits => Data.GetProperty("logits").Floats();

    public static int[] Labels => Ints(Data.GetProperty("labels"));

    public static JsonElement Metrics => Data.GetProperty("metrics");

    public static JsonElement Mc => Data.GetProperty("mc");

    public static double[] Doubles(this JsonElement element) => element.EnumerateArray().Select(e => e.GetDouble()).ToArray();

    public static int[] Ints(this JsonElement element) => element.EnumerateArray().Select(e => e.GetInt32()).ToArray();

    public static double Number(this JsonElement element, string name) => element.GetProperty(name).GetDouble();
}
