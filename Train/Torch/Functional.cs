using Harness.Train.Torch.Native;

namespace Harness.Train.Torch;

/// <summary>Functional layers and losses (stateless; modules hold the state and call these).</summary>
public static class Functional
{
    /// <summary>y = x · Wᵀ + b with W of shape [out, in].</summary>
    public static Tensor Linear(Tensor x, Tensor weight, Tensor? bias) =>
        new(NnNative.hn_linear(x.Handle, weight.Handle, bias?.Handle ?? IntPtr.Zero));

    /// <summary>2-D convolution over N,C,H,W.</summary>
    public static unsafe Tensor Conv2d(Tensor x, Tensor weight, Tensor? bias, (long H, long W) stride,
        (long H, long W) padding, (long H, long W) dilation, long groups = 1)
    {
        long* s = stackalloc long[] { stride.H, stride.W };
        long* p = stackalloc long[] { padding.H, padding.W };
        long* d = stackalloc long[] { dilation.H, dilation.W };
        return new Tensor(NnNative.hn_conv2d(x.Handle, weight.Handle, bias?.Handle ?? IntPtr.Zero, s, p, d, groups));
    }

    /// <summary>
    /// Batch normalization. In training it normalizes with the batch's biased variance and updates the running
    /// buffers in place (new = (1 − momentum) · old + momentum · batch, with the unbiased batch variance), as
    /// PyTorch does; in evaluation it uses the running statistics.
    /// </summary>
    public static Tensor BatchNorm(Tensor x, Tensor? weight, Tensor? bias, Tensor? runningMean, Tensor? runningVar,
        bool training, double momentum, double eps) =>
        new(NnNative.hn_batch_norm(x.Handle, weight?.Handle ?? IntPtr.Zero, bias?.Handle ?? IntPtr.Zero,
            runningMean?.Handle ?? IntPtr.Zero, runningVar?.Handle ?? IntPtr.Zero, training ? 1 : 0, momentum, eps));

    public static unsafe Tensor LayerNorm(Tensor x, long[] normalizedShape, Tensor? weight, Tensor? bias, double eps)
    {
        fixed (long* s = normalizedShape)
        {
            return new Tensor(NnNative.hn_layer_norm(x.Handle, s, normalizedShape.Length,
                weight?.Handle ?? IntPtr.Zero, bias?.Handle ?? IntPtr.Zero, eps));
        }
    }

    public static Tensor GroupNorm(Tensor x, long groups, Tensor? weight, Tensor? bias, double eps) =>
        new(NnNative.hn_group_norm(x.Handle, groups, weight?.Handle ?? IntPtr.Zero, bias?.Handle ?? IntPtr.Zero, eps));

    /// <summary>Inverted dropout: zeroes with probability p and scales kept values by 1/(1 − p) when training.</summary>
    public static Tensor Dropout(Tensor x, double p, bool training) =>
        new(NnNative.hn_dropout(x.Handle, p, training ? 1 : 0));

    /// <summary>Drops whole channels (dim 1) with probability p when training (Dropout2d).</summary>
    public static Tensor FeatureDropout(Tensor x, double p, bool training) =>
        new(NnNative.hn_feature_dropout(x.Handle, p, training ? 1 : 0));

    public static Tensor MaxPool2d(Tensor x, long kernel, long stride, long padding = 0) => Pool(0, x, kernel, stride, padding);

    public static Tensor AvgPool2d(Tensor x, long kernel, long stride, long padding = 0) => Pool(1, x, kernel, stride, padding);

    public static Tensor AdaptiveAvgPool2d(Tensor x, long outH, long outW) =>
        new(NnNative.hn_adaptive_avg_pool2d(x.Handle, outH, outW));

    public static Tensor Softmax(Tensor x, long dim) => new(NnNative.hn_softmax(x.Handle, dim));

    public static Tensor LogSoftmax(Tensor x, long dim) => new(NnNative.hn_log_softmax(x.Handle, dim));

    /// <summary>
    /// Cross-entropy of logits against int64 class indices or float class probabilities, with optional label
    /// smoothing (PyTorch's definition).
    /// </summary>
    public static Tensor CrossEntropy(Tensor logits, Tensor target, Reduction reduction = Reduction.Mean,
        double labelSmoothing = 0) =>
        new(NnNative.hn_cross_entropy(logits.Handle, target.Handle, (int)reduction, labelSmoothing));

    private static unsafe Tensor Pool(int kind, Tensor x, long kernel, long stride, long padding)
    {
        long* k = stackalloc long[] { kernel, kernel };
        long* s = stackalloc long[] { stride, stride };
        long* p = stackalloc long[] { padding, padding };
        return new Tensor(NnNative.hn_pool2d(kind, x.Handle, k, s, p));
    }
}

/// <summary>How a loss reduces over the batch (values as libtorch numbers them).</summary>
public enum Reduction
{
    None = 0,
    Mean = 1,
    Sum = 2,
}
