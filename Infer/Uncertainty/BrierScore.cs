using Harness.Core.Metrics;
using System.Numerics;

namespace Harness.Infer.Uncertainty;

/// <summary>
/// Multi-class Brier score as the uncertainty libraries report it: the mean over samples of the squared distance
/// between the probability row and the one-hot label, (1/N) Σᵢ Σₖ (pᵢₖ − [k = yᵢ])² (range [0, 2]; not divided by K).
/// </summary>
public static class BrierScore
{
    /// <summary>The Brier score of row-major [N, K] <paramref name="probabilities"/>.</summary>
    /// <exception cref="ArgumentException">Sizes differ, a label is out of range, or there are no rows.</exception>
    public static double Compute<T>(ReadOnlySpan<T> probabilities, int classes, ReadOnlySpan<int> labels)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var rows = ProbabilityRows.RequireRows(probabilities, classes, labels);
        ArgumentOutOfRangeException.ThrowIfZero(rows, nameof(labels));
        double sum = 0;
        for (var i = 0; i < rows; i++)
        {
            for (var k = 0; k < classes; k++)
            {
                var d = double.CreateTruncating(probabilities[i * classes + k]) - (k == labels[i] ? 1.0 : 0.0);
                sum += d * d;
            }
        }

        return sum / rows;
    }
}
