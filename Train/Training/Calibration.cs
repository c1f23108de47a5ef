using Harness.Core.Metrics;

namespace Harness.Train.Training;

/// <summary>Calibration of a trainer's logits, with the same definition the uncertainty stage reports.</summary>
public static class Calibration
{
    /// <summary>
    /// ECE with 15 equal-width bins of the top-1 softmax probability (<see cref="CalibrationError"/>, the
    /// uncertainty-baselines definition).
    /// </summary>
    /// <param name="logits">N × K logits, row-major.</param>
    /// <param name="labels">N true classes.</param>
    public static double ExpectedCalibrationError(ReadOnlySpan<float> logits, ReadOnlySpan<long> labels)
    {
        var n = labels.Length;
        if (n == 0)
        {
            return 0;
        }

        var k = logits.Length / n;
        var probabilities = new double[logits.Length];
        var classes = new int[n];
        for (var i = 0; i < n; i++)
        {
            var row = logits.Slice(i * k, k);
            var max = row[0];
            foreach (var v in row)
            {
                max = Math.Max(max, v);
            }

            double sum = 0;
            for (var j = 0; j < k; j++)
            {
                sum += probabilities[i * k + j] = Math.Exp(row[j] - max);
            }

            for (var j = 0; j < k; j++)
            {
                probabilities[i * k + j] /= sum;
            }

            classes[i] = (int)labels[i];
        }

        return CalibrationError.Expected<double>(probabilities, k, classes);
    }
}
