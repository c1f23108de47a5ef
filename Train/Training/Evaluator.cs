using Harness.Train.Data;
using Harness.Train.Modules;
using Harness.Train.Torch;

namespace Harness.Train.Training;

/// <summary>Runs a model in eval mode (no dropout, BatchNorm on running statistics) over a dataset.</summary>
public static class Evaluator
{
    /// <summary>
    /// Logits, mean cross-entropy (NLL), accuracy and ECE-15 over the first <paramref name="limit"/> samples of
    /// <paramref name="data"/> (all when null). The model is left in eval mode.
    /// </summary>
    public static Evaluation Evaluate(Module model, ISampleSource data, Normalization normalization, long[] sampleShape,
        Device device, int batchSize = 500, int? limit = null)
    {
        var count = Math.Min(limit ?? data.Count, data.Count);
        if (count == 0)
        {
            return Evaluation.Empty;
        }

        model.Eval();
        var logits = new float[count * data.Classes];
        var labels = new long[count];
        var inputs = new float[batchSize * data.SampleSize];
        var indices = new int[batchSize];
        long[] shape = [0, .. sampleShape];
        double lossSum = 0;
        long correct = 0;
        using var noGrad = Torch.Torch.NoGrad();
        for (var start = 0; start < count; start += batchSize)
        {
            var n = Math.Min(batchSize, count - start);
            for (var k = 0; k < n; k++)
            {
                indices[k] = start + k;
            }

            data.Gather(indices.AsSpan(0, n), normalization.Mean, normalization.Std, inputs, labels.AsSpan(start, n));
            using var scope = TensorScope.Begin();
            shape[0] = n;
            var x = Tensor.FromArray(inputs.AsSpan(0, n * data.SampleSize), shape, device);
            var y = Tensor.FromArray(labels.AsSpan(start, n), [n], device);
            var output = model.Forward(x);
            output.CopyTo(logits.AsSpan(start * data.Classes, n * data.Classes));
            lossSum += Functional.CrossEntropy(output, y, Reduction.Sum).Item();
            correct += (long)output.ArgMax(1).Eq(y).Sum().Item();
        }

        return new Evaluation(logits, data.Classes, lossSum / count, (double)correct / count,
            Calibration.ExpectedCalibrationError(logits, labels));
    }
}
