namespace Harness.Export.Onnx;

/// <summary>Argument checks of the op helpers; each failure is an <see cref="ArgumentException"/>.</summary>
internal static class ArgumentChecks
{
    /// <summary>Throws <see cref="ArgumentException"/> with <paramref name="message"/> unless the condition holds.</summary>
    public static void That(bool condition, string paramName, string message)
    {
        if (!condition)
        {
            throw new ArgumentException(message, paramName);
        }
    }

    /// <summary>Checks that an optional per-axis list has one positive entry per spatial axis; returns it
    /// or the default filled with <paramref name="fill"/>.</summary>
    public static long[] PerAxis(IReadOnlyList<long>? values, int count, long fill, string paramName, string op)
    {
        if (values is null)
        {
            return Enumerable.Repeat(fill, count).ToArray();
        }

        That(values.Count == count, paramName,
            $"{op}: {paramName} has {values.Count} entries but there are {count} spatial axes.");
        That(values.All(v => v > 0), paramName, $"{op}: {paramName} must be positive, got {ShapeText.Of(values)}.");
        return values.ToArray();
    }

    /// <summary>Checks optional pads: [begin_1..begin_n, end_1..end_n], non-negative; default zeros.</summary>
    public static long[] Pads(IReadOnlyList<long>? pads, int spatial, string op)
    {
        if (pads is null)
        {
            return new long[2 * spatial];
        }

        That(pads.Count == 2 * spatial, nameof(pads),
            $"{op}: pads has {pads.Count} entries but needs {2 * spatial} (begin and end of {spatial} spatial axes).");
        That(pads.All(p => p >= 0), nameof(pads), $"{op}: pads must not be negative, got {ShapeText.Of(pads)}.");
        return pads.ToArray();
    }

    /// <summary>Checks that a number (an epsilon, for example) is positive and finite.</summary>
    public static void PositiveFinite(float value, string paramName, string op)
    {
        That(value > 0 && float.IsFinite(value), paramName,
            $"{op}: {paramName} must be a positive finite number, got {value}.");
    }
}
