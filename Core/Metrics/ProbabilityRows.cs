using System.Numerics;

namespace Harness.Core.Metrics;

/// <summary>
/// Shared row operations on row-major [N, K] matrices of class probabilities or logits (float or double; computed in
/// double): shape checks, argmax (ties to the lowest class index), maximum, entropy in nats (0·ln 0 = 0) and a stable
/// softmax.
/// </summary>
public static class ProbabilityRows
{
    /// <summary>
    /// Checks that <paramref name="values"/> holds <paramref name="labels"/>.Length rows of <paramref name="classes"/>
    /// values and that every label is a class index; returns the row count.
    /// </summary>
    /// <exception cref="ArgumentException">The sizes do not match or a label is out of range.</exception>
    public static int RequireRows<T>(ReadOnlySpan<T> values, int classes, ReadOnlySpan<int> labels)
    {
        var rows = RequireRows(values, classes);
        if (rows != labels.Length)
        {
            throw new ArgumentException($"{rows} rows of {classes} classes but {labels.Length} labels.", nameof(labels));
        }

        for (var i = 0; i < labels.Length; i++)
        {
            if ((uint)labels[i] >= (uint)classes)
            {
                throw new ArgumentException($"Label {labels[i]} of row {i} is not a class index below {classes}.", nameof(labels));
            }
        }

        return rows;
    }

    /// <summary>Checks that <paramref name="values"/> is a whole number of rows of <paramref name="classes"/>; returns the row count.</summary>
    /// <exception cref="ArgumentException">The sizes do not match.</exception>
    public static int RequireRows<T>(ReadOnlySpan<T> values, int classes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 1);
        if (values.Length % classes != 0)
        {
            throw new ArgumentException($"{values.Length} values are not whole rows of {classes} classes.", nameof(values));
        }

        return values.Length / classes;
    }

    /// <summary>Index of the largest value of <paramref name="row"/>; the lowest index wins ties.</summary>
    public static int ArgMax<T>(ReadOnlySpan<T> row) where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var best = 0;
        for (var k = 1; k < row.Length; k++)
        {
            if (row[k] > row[best])
            {
                best = k;
            }
        }

        return best;
    }

    /// <summary>The largest value of <paramref name="row"/>, as a double.</summary>
    public static double Max<T>(ReadOnlySpan<T> row) where T : unmanaged, IBinaryFloatingPointIeee754<T> =>
        double.CreateTruncating(row[ArgMax(row)]);

    /// <summary>Shannon entropy −Σ p ln p in nats of one probability row; zero probabilities contribute nothing.</summary>
    public static double Entropy<T>(ReadOnlySpan<T> row) where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        double h = 0;
        foreach (var value in row)
        {
            var p = double.CreateTruncating(value);
            if (p > 0)
            {
                h -= p * Math.Log(p);
            }
        }

        return h;
    }

    /// <summary>
    /// Writes softmax(<paramref name="logits"/>) into <paramref name="probabilities"/> (max subtracted first, so
    /// large logits do not overflow) and returns ln Σ exp(logits), the log-partition.
    /// </summary>
    public static double Softmax<T>(ReadOnlySpan<T> logits, Span<double> probabilities)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (probabilities.Length != logits.Length)
        {
            throw new ArgumentException($"{probabilities.Length} outputs for {logits.Length} logits.", nameof(probabilities));
        }

        var max = Max(logits);
        double sum = 0;
        for (var k = 0; k < logits.Length; k++)
        {
            var e = Math.Exp(double.CreateTruncating(logits[k]) - max);
            probabilities[k] = e;
            sum += e;
        }

        var inverse = 1.0 / sum;
        for (var k = 0; k < logits.Length; k++)
        {
            probabilities[k] *= inverse;
        }

        return max + Math.Log(sum);
    }
}
