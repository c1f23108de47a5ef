using Harness.Core.Metrics;
using System.Numerics;

namespace Harness.Infer.Uncertainty;

/// <summary>Selective accuracy at one coverage: keep the most confident fraction, classify only those.</summary>
/// <param name="Coverage">The requested fraction of samples kept.</param>
/// <param name="Kept">Samples kept: max(1, ⌈coverage·N⌉).</param>
/// <param name="Accuracy">Accuracy on the kept samples.</param>
public sealed record SelectivePoint(double Coverage, int Kept, double Accuracy)
{
    /// <summary>Selective risk (error rate on the kept samples).</summary>
    public double Risk => 1 - Accuracy;
}

/// <summary>The risk–coverage summary of one set of predictions.</summary>
/// <param name="Aurc">Area under the risk–coverage curve (lower is better).</param>
/// <param name="ExcessAurc">AURC minus the AURC of an oracle that ranks every correct sample first (E-AURC).</param>
/// <param name="Curve">Selective accuracy at the requested coverages.</param>
public sealed record SelectiveResult(double Aurc, double ExcessAurc, IReadOnlyList<SelectivePoint> Curve);

/// <summary>
/// Selective classification (Geifman &amp; El-Yaniv), with uncertainty-baselines' definition of AURC: sort the samples by
/// confidence, most confident first (ties by sample index, so the result does not depend on the sort algorithm);
/// riskₖ = errors among the first k / k; AURC = (1/N) Σₖ riskₖ for k = 1..N. E-AURC subtracts the oracle's
/// (1/N) Σ_{i=1..r} i / (N − r + i), r the number of errors.
/// </summary>
public static class SelectiveRisk
{
    /// <summary>Coverages reported by default: 5 % to 100 % in steps of 5 %.</summary>
    public static IReadOnlyList<double> DefaultCoverages { get; } =
        Enumerable.Range(1, 20).Select(i => i / 20.0).ToArray();

    /// <summary>
    /// AURC, E-AURC and selective accuracy at <paramref name="coverages"/> for per-sample <paramref name="confidence"/>
    /// (larger = more confident) and correctness. Allocates one sort key per sample.
    /// </summary>
    /// <exception cref="ArgumentException">The spans differ in length, are empty, or a coverage is outside (0, 1].</exception>
    public static SelectiveResult Evaluate(ReadOnlySpan<double> confidence, ReadOnlySpan<bool> correct,
        IReadOnlyList<double> coverages)
    {
        ArgumentNullException.ThrowIfNull(coverages);
        if (confidence.Length != correct.Length || confidence.Length == 0)
        {
            throw new ArgumentException(
                $"Need one confidence per sample and at least one sample; got {confidence.Length} and {correct.Length}.");
        }

        foreach (var c in coverages)
        {
            if (!(c > 0 && c <= 1))
            {
                throw new ArgumentException($"Coverage {c} is outside (0, 1].", nameof(coverages));
            }
        }

        var n = confidence.Length;
        var order = new (double Confidence, int Index)[n];
        var errors = 0;
        for (var i = 0; i < n; i++)
        {
            order[i] = (confidence[i], i);
            errors += correct[i] ? 0 : 1;
        }

        Array.Sort(order, static (a, b) => a.Confidence != b.Confidence
            ? b.Confidence.CompareTo(a.Confidence)
            : a.Index.CompareTo(b.Index));

        double area = 0;
        var cumulativeErrors = 0;
        for (var k = 0; k < n; k++)
        {
            cumulativeErrors += correct[order[k].Index] ? 0 : 1;
            area += (double)cumulativeErrors / (k + 1);
        }

        var aurc = area / n;
        double oracle = 0;
        for (var i = 1; i <= errors; i++)
        {
            oracle += (double)i / (n - errors + i);
        }

        var curve = new SelectivePoint[coverages.Count];
        for (var p = 0; p < curve.Length; p++)
        {
            var kept = Kept(coverages[p], n);
            var right = 0;
            for (var k = 0; k < kept; k++)
            {
                right += correct[order[k].Index] ? 1 : 0;
            }

            curve[p] = new SelectivePoint(coverages[p], kept, (double)right / kept);
        }

        return new SelectiveResult(aurc, aurc - oracle / n, curve);
    }

    /// <summary>As <see cref="Evaluate"/> with the maximum probability as confidence and argmax correctness.</summary>
    public static SelectiveResult FromProbabilities<T>(ReadOnlySpan<T> probabilities, int classes, ReadOnlySpan<int> labels,
        IReadOnlyList<double>? coverages = null) where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var rows = ProbabilityRows.RequireRows(probabilities, classes, labels);
        var confidence = new double[rows];
        var correct = new bool[rows];
        for (var i = 0; i < rows; i++)
        {
            var row = probabilities.Slice(i * classes, classes);
            var predicted = ProbabilityRows.ArgMax(row);
            confidence[i] = double.CreateTruncating(row[predicted]);
            correct[i] = predicted == labels[i];
        }

        return Evaluate(confidence, correct, coverages ?? DefaultCoverages);
    }

    /// <summary>max(1, ⌈c·N⌉), with 1e−9 of slack so that for example 0.3·40 = 12.000000000000002 keeps 12.</summary>
    public static int Kept(double coverage, int n) => Math.Clamp((int)Math.Ceiling(coverage * n - 1e-9), 1, n);
}
