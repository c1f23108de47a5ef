using Harness.Train.Torch;

namespace Harness.Train.Losses;

/// <summary>
/// Label smoothing with PyTorch's definition: q = (1 − ε)·onehot(y) + ε/K, so the true class gets 1 − ε + ε/K and
/// every other class ε/K; the loss is <see cref="SoftTargetCrossEntropy"/> against q, which equals
/// <c>F.cross_entropy(z, y, label_smoothing=ε)</c>. <see cref="Smooth"/> also applies to soft targets (mixup).
/// </summary>
public static class LabelSmoothing
{
    /// <summary>[N] int64 class indices → [N, K] float one-hot rows (on the labels' device).</summary>
    public static Tensor OneHot(Tensor labels, long classes)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (classes < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(classes), $"Class count = {classes}: must be at least 1.");
        }

        if (labels.Dim != 1 || labels.DType != DType.Int64)
        {
            throw new ArgumentException($"Labels must be a 1-D int64 tensor; got {labels}.", nameof(labels));
        }

        var n = labels.Shape[0];
        using var column = labels.Reshape(n, 1);
        using var range = Tensor.Arange(classes, DType.Int64, labels.Device);
        using var row = range.Reshape(1, classes);
        using var equal = column.Eq(row);
        return equal.To(DType.Float32);
    }

    /// <summary>(1 − ε)·q + ε/K for [N, K] targets q.</summary>
    public static Tensor Smooth(Tensor targets, double epsilon)
    {
        ArgumentNullException.ThrowIfNull(targets);
        CheckEpsilon(epsilon);
        var classes = targets.Shape[^1];
        using var scaled = targets * (1 - epsilon);
        return scaled + epsilon / classes;
    }

    /// <summary>Label-smoothed cross-entropy of [N, K] logits against [N] int64 labels, mean over the batch.</summary>
    public static Tensor CrossEntropy(Tensor logits, Tensor labels, double epsilon)
    {
        ArgumentNullException.ThrowIfNull(logits);
        CheckEpsilon(epsilon);
        using var oneHot = OneHot(labels, logits.Shape[^1]);
        using var smoothed = Smooth(oneHot, epsilon);
        return SoftTargetCrossEntropy.Compute(logits, smoothed);
    }

    private static void CheckEpsilon(double epsilon)
    {
        if (epsilon is < 0 or > 1 || double.IsNaN(epsilon))
        {
            throw new ArgumentOutOfRangeException(nameof(epsilon), $"Label smoothing = {epsilon}: must be between 0 and 1.");
        }
    }
}
