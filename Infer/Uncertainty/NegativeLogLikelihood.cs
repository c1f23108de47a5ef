using Harness.Core.Metrics;
using System.Numerics;

namespace Harness.Infer.Uncertainty;

/// <summary>
/// Mean negative log-likelihood of the labels in nats, −(1/N) Σ ln p(yᵢ), from probabilities or (numerically safer)
/// from logits.
/// </summary>
public static class NegativeLogLikelihood
{
    /// <summary>
    /// Probabilities are clamped from below at this value before the logarithm, so a zero probability (float32
    /// underflow) costs ln(1e−45) ≈ 103.6 nats instead of infinity; the smallest positive float32 is 1.4e−45.
    /// </summary>
    public const double MinProbability = 1e-45;

    /// <summary>−(1/N) Σ ln max(p[i, yᵢ], <see cref="MinProbability"/>) over row-major [N, K] probabilities.</summary>
    /// <exception cref="ArgumentException">Sizes differ, a label is out of range, or there are no rows.</exception>
    public static double FromProbabilities<T>(ReadOnlySpan<T> probabilities, int classes, ReadOnlySpan<int> labels)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var rows = ProbabilityRows.RequireRows(probabilities, classes, labels);
        ArgumentOutOfRangeException.ThrowIfZero(rows, nameof(labels));
        double sum = 0;
        for (var i = 0; i < rows; i++)
        {
            sum -= Math.Log(Math.Max(double.CreateTruncating(probabilities[i * classes + labels[i]]), MinProbability));
        }

        return sum / rows;
    }

    /// <summary>−(1/N) Σ log_softmax(zᵢ)[yᵢ] over row-major [N, K] logits (log-sum-exp with the maximum subtracted).</summary>
    /// <exception cref="ArgumentException">Sizes differ, a label is out of range, or there are no rows.</exception>
    public static double FromLogits<T>(ReadOnlySpan<T> logits, int classes, ReadOnlySpan<int> labels)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var rows = ProbabilityRows.RequireRows(logits, classes, labels);
        ArgumentOutOfRangeException.ThrowIfZero(rows, nameof(labels));
        double sum = 0;
        for (var i = 0; i < rows; i++)
        {
            var row = logits.Slice(i * classes, classes);
            sum += LogPartition(row) - double.CreateTruncating(row[labels[i]]);
        }

        return sum / rows;
    }

    /// <summary>ln Σₖ exp(zₖ), computed as m + ln Σ exp(zₖ − m) with m the maximum.</summary>
    public static double LogPartition<T>(ReadOnlySpan<T> logits) where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var max = ProbabilityRows.Max(logits);
        double sum = 0;
        foreach (var z in logits)
        {
            sum += Math.Exp(double.CreateTruncating(z) - max);
        }

        return max + Math.Log(sum);
    }
}
