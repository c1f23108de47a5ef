using Harness.Core.Metrics;
using System.Numerics;

namespace Harness.Infer.Uncertainty;

/// <summary>Top-1 accuracy: the fraction of rows whose argmax (ties to the lowest class) is the label.</summary>
public static class Accuracy
{
    /// <summary>Accuracy of row-major [N, K] <paramref name="scores"/> (probabilities or logits) against <paramref name="labels"/>.</summary>
    /// <exception cref="ArgumentException">Sizes differ, a label is out of range, or there are no rows.</exception>
    public static double Compute<T>(ReadOnlySpan<T> scores, int classes, ReadOnlySpan<int> labels)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var rows = ProbabilityRows.RequireRows(scores, classes, labels);
        ArgumentOutOfRangeException.ThrowIfZero(rows, nameof(labels));
        var correct = 0;
        for (var i = 0; i < rows; i++)
        {
            if (ProbabilityRows.ArgMax(scores.Slice(i * classes, classes)) == labels[i])
            {
                correct++;
            }
        }

        return (double)correct / rows;
    }
}
