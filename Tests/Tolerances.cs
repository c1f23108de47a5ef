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
}
