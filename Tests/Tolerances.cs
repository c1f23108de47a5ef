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

    /// <summary>
    /// Conv2d, pooling and normalization forward passes (and BatchNorm's running statistics) against PyTorch 1.13
    /// (Tests/Golden/make_golden_modules.py): both sides run libtorch's float32 CPU kernels, so differences come
    /// only from summation order (≤ 36 products per conv output, ≤ 24 values per norm statistic) on outputs of
    /// magnitude ≤ ~10, i.e. a few float32 ulps (1.2e-7 relative each) — 1e-5 absolute leaves a margin of ~10.
    /// </summary>
    public const double LayerVsPyTorch = 1e-5;

    /// <summary>
    /// RMSNorm composed from float32 ops (square, mean, add, rsqrt, two products) against its closed form evaluated
    /// in float64 and rounded to float32: about 6 roundings of 2^-24 relative each on outputs of magnitude ≤ ~5.
    /// </summary>
    public const double ComposedVsFloat64ClosedForm = 1e-5;

    /// <summary>
    /// Half-width, in standard deviations, of the acceptance band for Bernoulli mask statistics (kept fraction, mean
    /// preserved in expectation). Tests are seeded, so they are deterministic; under any other seed a correct
    /// implementation falls outside ±5σ with probability about 6e-7 (normal approximation, n ≥ 1000 draws), while
    /// a wrong keep probability or scale (e.g. scaling by 1/p, or p and 1 − p swapped at p = 0.25) sits ≥ 10σ away.
    /// </summary>
    public const double MaskStatisticSigmas = 5;
}
