namespace Harness.Infer.Uncertainty;

/// <summary>How well one score separates out-of-distribution (OOD) samples from in-distribution ones.</summary>
/// <param name="Auroc">Area under the ROC curve, OOD as positive: P(s_out &gt; s_in) + ½·P(s_out = s_in).</param>
/// <param name="AuprOut">Average precision with OOD as positive and the score as given (larger = more OOD).</param>
/// <param name="AuprIn">Average precision with in-distribution as positive and the negated score.</param>
/// <param name="FprAt95Tpr">False-positive rate (in-distribution flagged) at the first threshold reaching 95 % TPR.</param>
public sealed record OodMetrics(double Auroc, double AuprOut, double AuprIn, double FprAt95Tpr);

/// <summary>
/// OOD-detection metrics over per-sample scores where a larger score means "more likely out of distribution"
/// (predictive entropy, mutual information, 1 − max softmax probability). Ties: AUROC counts a tie as half (the
/// Mann–Whitney statistic); the precision–recall and ROC points are taken only between distinct score values, so tied
/// samples are always flagged together. AUPR is average precision (Σₙ (Rₙ − Rₙ₋₁)·Pₙ over the distinct thresholds,
/// scikit-learn's definition, no interpolation). FPR at 95 % TPR: over thresholds t from high to low, the first where
/// TPR = P(s_out ≥ t) ≥ 0.95, then FPR = P(s_in ≥ t).
/// </summary>
public static class OodDetection
{
    /// <summary>The TPR that <see cref="OodMetrics.FprAt95Tpr"/> is taken at.</summary>
    public const double TargetTpr = 0.95;

    /// <summary>All metrics for the given in- and out-of-distribution scores; allocates one sort key per sample.</summary>
    /// <exception cref="ArgumentException">Either side is empty or holds NaN.</exception>
    public static OodMetrics Evaluate(ReadOnlySpan<double> inScores, ReadOnlySpan<double> outScores)
    {
        if (inScores.IsEmpty || outScores.IsEmpty)
        {
            throw new ArgumentException(
                $"OOD metrics need both in- and out-of-distribution scores; got {inScores.Length} and {outScores.Length}.");
        }

        var all = new (double Score, bool Out)[inScores.Length + outScores.Length];
        for (var i = 0; i < inScores.Length; i++)
        {
            all[i] = (RequireNumber(inScores[i]), false);
        }

        for (var i = 0; i < outScores.Length; i++)
        {
            all[inScores.Length + i] = (RequireNumber(outScores[i]), true);
        }

        // Ascending by score; the order within a tie does not matter below (ties are processed as groups).
        Array.Sort(all, static (a, b) => a.Score.CompareTo(b.Score));
        double nIn = inScores.Length, nOut = outScores.Length;
        return new OodMetrics(Auroc(all, nOut, nIn), AuprOut(all, nOut), AuprIn(all, nIn), FprAtTpr(all, nIn, nOut, TargetTpr));
    }

    private static double Auroc((double Score, bool Out)[] ascending, double nOut, double nIn)
    {
        double outRankSum = 0;
        for (var start = 0; start < ascending.Length;)
        {
            var end = GroupEnd(ascending, start);
            var averageRank = (start + 1 + end) / 2.0;
            for (var j = start; j < end; j++)
            {
                outRankSum += ascending[j].Out ? averageRank : 0;
            }

            start = end;
        }

        return (outRankSum - nOut * (nOut + 1) / 2) / (nOut * nIn);
    }

    private static double AuprOut((double Score, bool Out)[] ascending, double nOut)
    {
        // Thresholds from the highest score down: OOD samples are the positives.
        double ap = 0, tp = 0, fp = 0, previousRecall = 0;
        for (var end = ascending.Length; end > 0;)
        {
            var start = GroupStart(ascending, end);
            for (var j = start; j < end; j++)
            {
                (tp, fp) = ascending[j].Out ? (tp + 1, fp) : (tp, fp + 1);
            }

            var recall = tp / nOut;
            ap += (recall - previousRecall) * (tp / (tp + fp));
            previousRecall = recall;
            end = start;
        }

        return ap;
    }

    private static double AuprIn((double Score, bool Out)[] ascending, double nIn)
    {
        // Negated score: thresholds from the lowest score up; in-distribution samples are the positives.
        double ap = 0, tp = 0, fp = 0, previousRecall = 0;
        for (var start = 0; start < ascending.Length;)
        {
            var end = GroupEnd(ascending, start);
            for (var j = start; j < end; j++)
            {
                (tp, fp) = ascending[j].Out ? (tp, fp + 1) : (tp + 1, fp);
            }

            var recall = tp / nIn;
            ap += (recall - previousRecall) * (tp / (tp + fp));
            previousRecall = recall;
            start = end;
        }

        return ap;
    }

    private static double FprAtTpr((double Score, bool Out)[] ascending, double nIn, double nOut, double targetTpr)
    {
        double tp = 0, fp = 0;
        for (var end = ascending.Length; end > 0;)
        {
            var start = GroupStart(ascending, end);
            for (var j = start; j < end; j++)
            {
                (tp, fp) = ascending[j].Out ? (tp + 1, fp) : (tp, fp + 1);
            }

            if (tp / nOut >= targetTpr)
            {
                return fp / nIn;
            }

            end = start;
        }

        return 1; // unreachable: the lowest threshold flags everything (TPR = 1)
    }

    /// <summary>One past the last index of the tie group that starts at <paramref name="start"/>.</summary>
    private static int GroupEnd((double Score, bool Out)[] sorted, int start)
    {
        var end = start + 1;
        while (end < sorted.Length && sorted[end].Score == sorted[start].Score)
        {
            end++;
        }

        return end;
    }

    /// <summary>The first index of the tie group that ends just before <paramref name="end"/>.</summary>
    private static int GroupStart((double Score, bool Out)[] sorted, int end)
    {
        var start = end - 1;
        while (start > 0 && sorted[start - 1].Score == sorted[end - 1].Score)
        {
            start--;
        }

        return start;
    }

    private static double RequireNumber(double score) =>
        double.IsNaN(score) ? throw new ArgumentException("An OOD score is NaN.") : score;
}
