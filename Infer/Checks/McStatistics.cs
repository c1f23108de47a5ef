namespace Harness.Infer.Checks;

/// <summary>Per-element mean and standard deviation of the MC graph's first output over T passes.</summary>
internal sealed record McStatistics(float[] Mean, float[] Std, int Passes)
{
    /// <summary>Runs samples [start, start + batch) of the inputs T times through the MC graph.</summary>
    public static McStatistics Collect(ModelRunner mc, CheckInputs inputs, int start, int batch, int passes)
    {
        double[]? sum = null, sumSq = null;
        for (var t = 0; t < passes; t++)
        {
            var y = mc.Run(inputs, start, batch)[0];
            sum ??= new double[y.Length];
            sumSq ??= new double[y.Length];
            for (var j = 0; j < y.Length; j++)
            {
                sum[j] += y[j];
                sumSq[j] += (double)y[j] * y[j];
            }
        }

        var mean = new float[sum!.Length];
        var std = new float[sum.Length];
        for (var j = 0; j < sum.Length; j++)
        {
            var m = sum[j] / passes;
            mean[j] = (float)m;
            std[j] = (float)Math.Sqrt(Math.Max(sumSq![j] / passes - m * m, 0) * passes / Math.Max(passes - 1, 1));
        }

        return new McStatistics(mean, std, passes);
    }

    /// <summary>‖σ‖₂ / √T over the elements in [offset, offset + count): the Monte-Carlo error scale of the mean.</summary>
    public double StandardErrorNorm(int offset, int count)
    {
        double s = 0;
        for (var j = offset; j < offset + count; j++)
        {
            s += (double)Std[j] * Std[j];
        }

        return Math.Sqrt(s / Passes);
    }

    public static double Norm(ReadOnlySpan<float> a)
    {
        double s = 0;
        foreach (var v in a)
        {
            s += (double)v * v;
        }

        return Math.Sqrt(s);
    }

    public static double DistanceNorm(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double s = 0;
        for (var j = 0; j < a.Length; j++)
        {
            var d = (double)a[j] - b[j];
            s += d * d;
        }

        return Math.Sqrt(s);
    }
}
