namespace Harness.Tests;

/// <summary>Named numeric tolerances, each with where it comes from.</summary>
internal static class Tolerances
{
    /// <summary>
    /// The bar for matching PyTorch's AdamW: both sides run the same float32 kernels (libtorch 1.13 CPU),
    /// so differences come only from operation order; 1e-6 absolute on O(1) parameters.
    /// </summary>
    public const double AdamWVsPyTorch = 1e-6;

    /// <summary>Float32 loss and gradient values compared with PyTorch: a few ulps at magnitude ~1.</summary>
    public const double Float32Ulps = 1e-5;

    /// <summary>
    /// Trainer (libtorch) vs ONNX Runtime logits: different GEMM kernels and summation orders over 784 inputs in
    /// float32; the acceptance bar is 1e-4 absolute.
    /// </summary>
    public const double TrainerVsOrt = 1e-4;

    /// <summary>
    /// Adam, SGD, clipping and the composed losses vs PyTorch: same float32 kernels, different operation order
    /// (e.g. the L2 term added in a fresh tensor, coefficients computed in double); the bar is 1e-6.
    /// </summary>
    public const double OptimVsPyTorch = 1e-6;

    /// <summary>
    /// Closed forms evaluated in double compared with float32 tensors of magnitude ≤ ~10: a few float32 ulps.
    /// </summary>
    public const double Float32ClosedForm = 1e-5;
}
