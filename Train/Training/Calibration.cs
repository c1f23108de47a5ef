namespace Harness.Train.Training;

/// <summary>Calibration of softmax predictions: expected calibration error with equal-width confidence bins.</summary>
public static class Calibration
{
    /// <summary>The usual bin count (uncertainty-baselines reports ECE with 15 bins).</summary>
    public const int DefaultBins = 15;

    /// <summary>
    /// ECE = Σ_b (n_b / N)·|accuracy_b − confidence_b| over equal-width bins of the top-class probability
    /// (bin b holds confidences in (b/B, (b+1)/B], the first also holds 0).
    /// </summary>
    /// <param name="logits">N × K logits, row-major.</param>
    /// <param name="labels">N true classes.</param>
    public static double ExpectedCalibrationError(ReadOnlySpan<float> logits, ReadOnlySpan<long> labels, int bins = DefaultBins)
    {
        var n = labels.Length;
        if (n == 0)
        {
            return 0;
        }

        var k = logits.Length / n;
        var count = new int[bins];
        var correct = new int[bins];
        var confidence = new double[bins];
        for (var i = 0; i < n; i++)
        {
            var row = logits.Slice(i * k, k);
            var (top, max) = (0, row[0]);
            for (var j = 1; j < k; j++)
            {
                if (row[j] > max)
                {
                    (top, max) = (j, row[j]);
                }
            }

            double sum = 0;
            for (var j = 0; j < k; j++)
            {
                sum += Math.Exp(row[j] - max);
            }

            var p = 1.0 / sum; // softmax of the top class
            var b = Math.Clamp((int)Math.Ceiling(p * bins) - 1, 0, bins - 1);
            count[b]++;
            confidence[b] += p;
            correct[b] += top == labels[i] ? 1 : 0;
        }

        double ece = 0;
        for (var b = 0; b < bins; b++)
        {
            if (count[b] > 0)
            {
                ece += Math.Abs((double)correct[b] / count[b] - confidence[b] / count[b]) * count[b] / n;
            }
        }

        return ece;
    }
}
