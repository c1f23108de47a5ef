using System.Diagnostics;
using Harness.Train.Data;
using Harness.Train.Modules;
using Harness.Train.Optim;
using Harness.Train.Torch;

namespace Harness.Train.Training;

/// <summary>
/// The training loop: shuffled mini-batches, forward, cross-entropy, backward, optimizer step; one
/// <see cref="TensorScope"/> per step frees every temporary. Batches are staged in reusable host buffers.
/// </summary>
public sealed class Trainer
{
    private readonly Module _model;
    private readonly Optimizer _optimizer;
    private readonly Device _device;
    private readonly long[] _sampleShape;

    /// <param name="model">The network; it is put in training mode for each epoch.</param>
    /// <param name="optimizer">Updates the model's parameters.</param>
    /// <param name="device">Where batches are sent (the model must live there).</param>
    /// <param name="sampleShape">Shape of one input sample as the model expects it, e.g. [784] or [1, 28, 28].</param>
    public Trainer(Module model, Optimizer optimizer, Device device, long[] sampleShape)
    {
        _model = model;
        _optimizer = optimizer;
        _device = device;
        _sampleShape = sampleShape;
    }

    /// <summary>Runs one epoch; <paramref name="progress"/> receives (batches done, batch count, running loss).</summary>
    public EpochMetrics TrainEpoch(ImageDataset data, Normalization normalization, int batchSize, long seed, int epoch,
        Action<int, int, double>? progress = null)
    {
        _model.Train();
        var sampler = new BatchSampler(data.Count, batchSize, seed, epoch);
        var inputs = new float[batchSize * data.SampleSize];
        var labels = new long[batchSize];
        double lossSum = 0;
        long correct = 0;
        var samples = 0;
        var clock = Stopwatch.StartNew();
        for (var b = 0; b < sampler.BatchCount; b++)
        {
            var indices = sampler.Batch(b);
            var n = indices.Length;
            data.Gather(indices, normalization.Mean, normalization.Std, inputs, labels);
            using var scope = TensorScope.Begin();
            var x = Tensor.FromArray(inputs.AsSpan(0, n * data.SampleSize), BatchShape(n), _device);
            var y = Tensor.FromArray(labels.AsSpan(0, n), [n], _device);
            var logits = _model.Forward(x);
            var loss = Functional.CrossEntropy(logits, y);
            _optimizer.ClearGrad();
            loss.Backward();
            _optimizer.Step();

            lossSum += loss.Item() * n;
            correct += (long)logits.ArgMax(1).Eq(y).Sum().Item();
            samples += n;
            progress?.Invoke(b + 1, sampler.BatchCount, lossSum / samples);
        }

        Torch.Torch.Synchronize(_device);
        return new EpochMetrics(epoch, lossSum / samples, (double)correct / samples, samples, clock.Elapsed.TotalSeconds);
    }

    /// <summary>Eval-mode logits, loss and accuracy over <paramref name="data"/> (first <paramref name="limit"/> samples if given).</summary>
    public static Evaluation Evaluate(Module model, ImageDataset data, Normalization normalization, long[] sampleShape,
        Device device, int batchSize = 1000, int? limit = null)
    {
        model.Eval();
        var count = Math.Min(limit ?? data.Count, data.Count);
        var logits = new float[count * data.Classes];
        var inputs = new float[batchSize * data.SampleSize];
        var labels = new long[batchSize];
        var indices = new int[batchSize];
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

            data.Gather(indices.AsSpan(0, n), normalization.Mean, normalization.Std, inputs, labels);
            using var scope = TensorScope.Begin();
            var shape = new long[sampleShape.Length + 1];
            shape[0] = n;
            sampleShape.CopyTo(shape, 1);
            var x = Tensor.FromArray(inputs.AsSpan(0, n * data.SampleSize), shape, device);
            var y = Tensor.FromArray(labels.AsSpan(0, n), [n], device);
            var output = model.Forward(x);
            output.CopyTo(logits.AsSpan(start * data.Classes, n * data.Classes));
            lossSum += Functional.CrossEntropy(output, y, Reduction.Sum).Item();
            correct += (long)output.ArgMax(1).Eq(y).Sum().Item();
        }

        return new Evaluation(logits, data.Classes, lossSum / count, (double)correct / count);
    }

    private long[] BatchShape(int n)
    {
        var shape = new long[_sampleShape.Length + 1];
        shape[0] = n;
        _sampleShape.CopyTo(shape, 1);
        return shape;
    }
}
