using Harness.Core.Metrics;
using System.Numerics;

namespace Harness.Infer.Uncertainty;

/// <summary>
/// Per-sample Monte-Carlo dropout statistics from T passes of logits, laid out sample-major [N, T, K]. With
/// pₜ = softmax(logitsₜ), computed in double:
/// <list type="bullet">
/// <item>predictive mean p̄ = (1/T) Σₜ pₜ; prediction = argmax p̄ (ties to the lowest class);</item>
/// <item>predictive entropy H[p̄]; expected entropy (1/T) Σₜ H[pₜ]; mutual information (BALD) = H[p̄] − E[H[pₜ]]
/// (nats, clamped at 0 against rounding);</item>
/// <item>per-class variance (1/T) Σₜ (pₜₖ − p̄ₖ)² (population variance; 0 for T = 1);</item>
/// <item>variation ratio 1 − (passes whose argmax is the modal class) / T;</item>
/// <item>MC NLL of the label y: −logsumexpₜ ln pₜ(y) + ln T (= −ln p̄(y), computed stably from logits).</item>
/// </list>
/// </summary>
public sealed class McDropoutStatistics
{
    private McDropoutStatistics(int samples, int passes, int classes, bool hasLabels)
    {
        Samples = samples;
        Passes = passes;
        Classes = classes;
        MeanProbabilities = new double[samples * classes];
        Variance = new double[samples * classes];
        PredictiveEntropy = new double[samples];
        ExpectedEntropy = new double[samples];
        MutualInformation = new double[samples];
        VariationRatio = new double[samples];
        Predictions = new int[samples];
        Nll = hasLabels ? new double[samples] : [];
    }

    /// <summary>N.</summary>
    public int Samples { get; }

    /// <summary>T.</summary>
    public int Passes { get; }

    /// <summary>K.</summary>
    public int Classes { get; }

    /// <summary>p̄, row-major [N, K].</summary>
    public double[] MeanProbabilities { get; }

    /// <summary>Per-class variance of pₜ over the passes, row-major [N, K].</summary>
    public double[] Variance { get; }

    /// <summary>H[p̄] per sample (nats).</summary>
    public double[] PredictiveEntropy { get; }

    /// <summary>E[H[pₜ]] per sample (nats).</summary>
    public double[] ExpectedEntropy { get; }

    /// <summary>H[p̄] − E[H[pₜ]] per sample (nats, ≥ 0).</summary>
    public double[] MutualInformation { get; }

    /// <summary>1 − modal votes / T per sample.</summary>
    public double[] VariationRatio { get; }

    /// <summary>argmax p̄ per sample.</summary>
    public int[] Predictions { get; }

    /// <summary>MC NLL per sample (empty when no labels were given).</summary>
    public double[] Nll { get; }

    /// <summary>Mean MC NLL over the samples.</summary>
    /// <exception cref="InvalidOperationException">No labels were given.</exception>
    public double MeanNll => Nll.Length > 0
        ? Nll.Average()
        : throw new InvalidOperationException("The MC statistics were computed without labels.");

    /// <summary>
    /// Computes every statistic from <paramref name="logits"/> [<paramref name="samples"/>, <paramref name="passes"/>,
    /// <paramref name="classes"/>]; <paramref name="labels"/> (optional, may be empty) adds the MC NLL. Allocates only
    /// the result arrays (per-row scratch lives on the stack for K ≤ 1024).
    /// </summary>
    /// <exception cref="ArgumentException">The sizes do not match or a label is out of range.</exception>
    public static McDropoutStatistics Compute<T>(ReadOnlySpan<T> logits, int samples, int passes, int classes,
        ReadOnlySpan<int> labels = default) where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(samples, 0);
        ArgumentOutOfRangeException.ThrowIfLessThan(passes, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 1);
        if (logits.Length != (long)samples * passes * classes)
        {
            throw new ArgumentException(
                $"{logits.Length} logits are not [{samples} samples, {passes} passes, {classes} classes].", nameof(logits));
        }

        if (!labels.IsEmpty)
        {
            if (labels.Length != samples)
            {
                throw new ArgumentException($"{labels.Length} labels for {samples} samples.", nameof(labels));
            }

            foreach (var y in labels)
            {
                if ((uint)y >= (uint)classes)
                {
                    throw new ArgumentException($"Label {y} is not a class index below {classes}.", nameof(labels));
                }
            }
        }

        var result = new McDropoutStatistics(samples, passes, classes, !labels.IsEmpty);
        Span<double> p = classes <= 1024 ? stackalloc double[classes] : new double[classes];
        Span<double> sum = classes <= 1024 ? stackalloc double[classes] : new double[classes];
        Span<double> sumSquares = classes <= 1024 ? stackalloc double[classes] : new double[classes];
        Span<int> votes = classes <= 1024 ? stackalloc int[classes] : new int[classes];
        for (var i = 0; i < samples; i++)
        {
            sum.Clear();
            sumSquares.Clear();
            votes.Clear();
            double entropySum = 0;
            double lseMax = double.NegativeInfinity, lseSum = 0;
            for (var t = 0; t < passes; t++)
            {
                var row = logits.Slice((i * passes + t) * classes, classes);
                var logPartition = ProbabilityRows.Softmax(row, p);
                entropySum += ProbabilityRows.Entropy<double>(p);
                votes[ProbabilityRows.ArgMax<double>(p)]++;
                for (var k = 0; k < classes; k++)
                {
                    sum[k] += p[k];
                    sumSquares[k] += p[k] * p[k];
                }

                if (!labels.IsEmpty)
                {
                    // Online log-sum-exp of ln pₜ(y) = zₜ(y) − ln Σ exp(zₜ).
                    var logPy = double.CreateTruncating(row[labels[i]]) - logPartition;
                    if (logPy > lseMax)
                    {
                        lseSum = lseSum * Math.Exp(lseMax - logPy) + 1;
                        lseMax = logPy;
                    }
                    else
                    {
                        lseSum += Math.Exp(logPy - lseMax);
                    }
                }
            }

            var mean = result.MeanProbabilities.AsSpan(i * classes, classes);
            var variance = result.Variance.AsSpan(i * classes, classes);
            var maxVotes = 0;
            for (var k = 0; k < classes; k++)
            {
                mean[k] = sum[k] / passes;
                variance[k] = Math.Max(sumSquares[k] / passes - mean[k] * mean[k], 0);
                maxVotes = Math.Max(maxVotes, votes[k]);
            }

            var predictive = ProbabilityRows.Entropy<double>(mean);
            var expected = entropySum / passes;
            result.PredictiveEntropy[i] = predictive;
            result.ExpectedEntropy[i] = expected;
            result.MutualInformation[i] = Math.Max(predictive - expected, 0);
            result.VariationRatio[i] = 1 - (double)maxVotes / passes;
            result.Predictions[i] = ProbabilityRows.ArgMax<double>(mean);
            if (!labels.IsEmpty)
            {
                result.Nll[i] = -(lseMax + Math.Log(lseSum)) + Math.Log(passes);
            }
        }

        return result;
    }
}
