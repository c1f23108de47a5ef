namespace Harness.Infer.Parity;

/// <summary>Element-wise comparison of two output buffers (e.g. trainer logits vs. ONNX Runtime logits).</summary>
public static class OutputComparison
{
    /// <summary>max |a[i] − b[i]|; NaN anywhere (or a length mismatch) is reported as +∞ so it never passes.</summary>
    public static double MaxAbsDifference(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length)
        {
            return double.PositiveInfinity;
        }

        double max = 0;
        for (var i = 0; i < a.Length; i++)
        {
            var d = Math.Abs((double)a[i] - b[i]);
            if (double.IsNaN(d))
            {
                return double.PositiveInfinity;
            }

            max = Math.Max(max, d);
        }

        return max;
    }
}
