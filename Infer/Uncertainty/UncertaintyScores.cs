using Harness.Core.Metrics;
using System.Numerics;

namespace Harness.Infer.Uncertainty;

/// <summary>The per-sample scores used to flag out-of-distribution inputs; larger always means "more uncertain".</summary>
public enum OodScore
{
    /// <summary>1 − max softmax probability (MSP, Hendrycks &amp; Gimpel), so that larger = more uncertain.</summary>
    MaxSoftmaxProbability,

    /// <summary>Predictive entropy H[p] in nats (of the MC mean for MC dropout).</summary>
    PredictiveEntropy,

    /// <summary>Mutual information (BALD) between prediction and weights; MC dropout only (0 for a deterministic model).</summary>
    MutualInformation,
}

/// <summary>Per-sample uncertainty scores of a matrix of probability rows.</summary>
public static class UncertaintyScores
{
    /// <summary>Writes 1 − maxₖ pᵢₖ for each row of row-major [N, K] <paramref name="probabilities"/> (the OOD form of MSP).</summary>
    public static void OneMinusMaxProbability<T>(ReadOnlySpan<T> probabilities, int classes, Span<double> scores)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var rows = RequireOutput(probabilities, classes, scores);
        for (var i = 0; i < rows; i++)
        {
            scores[i] = 1 - ProbabilityRows.Max(probabilities.Slice(i * classes, classes));
        }
    }

    /// <summary>Writes the entropy −Σₖ pᵢₖ ln pᵢₖ (nats) of each row of row-major [N, K] <paramref name="probabilities"/>.</summary>
    public static void Entropy<T>(ReadOnlySpan<T> probabilities, int classes, Span<double> scores)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var rows = RequireOutput(probabilities, classes, scores);
        for (var i = 0; i < rows; i++)
        {
            scores[i] = ProbabilityRows.Entropy(probabilities.Slice(i * classes, classes));
        }
    }

    private static int RequireOutput<T>(ReadOnlySpan<T> probabilities, int classes, Span<double> scores)
    {
        var rows = ProbabilityRows.RequireRows(probabilities, classes);
        return scores.Length == rows
            ? rows
            : throw new ArgumentException($"{scores.Length} score slots for {rows} rows.", nameof(scores));
    }
}
