using Harness.Train.Torch;

namespace Harness.Train.Losses;

/// <summary>
/// Cross-entropy against soft targets (class probabilities, e.g. from mixup/cutmix or label smoothing):
/// loss = mean over the batch of −Σ_k q_k · log_softmax(z)_k.
/// </summary>
public static class SoftTargetCrossEntropy
{
    /// <param name="logits">[N, K] scores.</param>
    /// <param name="targets">[N, K] probabilities (float), each row summing to 1.</param>
    public static Tensor Compute(Tensor logits, Tensor targets)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(targets);
        var shape = logits.Shape;
        if (shape.Length != 2 || !targets.Shape.SequenceEqual(shape))
        {
            throw new ArgumentException(
                $"Soft-target cross-entropy needs logits [N, K] and targets of the same shape; got [{string.Join(", ", shape)}] " +
                $"and [{string.Join(", ", targets.Shape)}].", nameof(targets));
        }

        using var logProbabilities = Functional.LogSoftmax(logits, 1);
        using var weighted = targets * logProbabilities;
        using var perSample = weighted.Sum(1);
        using var mean = perSample.Mean();
        return -mean;
    }
}
