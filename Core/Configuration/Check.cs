using System.Globalization;

namespace Harness.Core.Configuration;

/// <summary>Small helpers that phrase range errors the same way everywhere: "Key = value: must be …".</summary>
public static class Check
{
    public static IEnumerable<string> Range(string key, double value, double min, double max)
    {
        if (double.IsNaN(value) || value < min || value > max)
        {
            yield return $"{key} = {Format(value)}: must be between {Format(min)} and {Format(max)}";
        }
    }

    /// <summary>min ≤ value &lt; max.</summary>
    public static IEnumerable<string> RangeExclusiveMax(string key, double value, double min, double max)
    {
        if (double.IsNaN(value) || value < min || value >= max)
        {
            yield return $"{key} = {Format(value)}: must be at least {Format(min)} and below {Format(max)}";
        }
    }

    public static IEnumerable<string> OneOf(string key, string value, params string[] allowed)
    {
        if (!allowed.Contains(value, StringComparer.OrdinalIgnoreCase))
        {
            yield return $"{key} = '{value}': must be one of {string.Join(", ", allowed)}";
        }
    }

    public static IEnumerable<string> NotEmpty(string key, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            yield return $"{key} is empty: a value is required";
        }
    }

    private static string Format(double v) => v.ToString("G", CultureInfo.InvariantCulture);
}
