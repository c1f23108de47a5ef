namespace Harness.Infer.Checks;

/// <summary>The gate's numeric bars, each with where it comes from.</summary>
public static class CheckTolerances
{
    /// <summary>
    /// Batch independence: |y_batched − y_alone| ≤ Absolute + Relative·|y_alone|. A correct model differs only by
    /// float32 summation order when the GEMM kernel changes with the batch size (observed ≤ 1e-6 on our MLPs); BN on
    /// batch statistics or any cross-sample mixing moves outputs by O(0.1–1).
    /// </summary>
    public const double BatchAbsolute = 1e-4;

    /// <inheritdoc cref="BatchAbsolute"/>
    public const double BatchRelative = 1e-4;

    /// <summary>Default probe tolerance when the probe does not carry one (trainer vs ORT in float32).</summary>
    public const double ProbeDefault = 1e-4;

    /// <summary>MC passes used by the sampling checks.</summary>
    public const int McPasses = 200;

    /// <summary>
    /// MC mean vs deterministic output: pass when ‖mean − det‖ ≤ Sigmas·‖σ‖/√T + Bias·‖det‖. Sigmas bounds the
    /// Monte-Carlo error of the mean (4σ: a false alarm chance far below 1e-4 per check); Bias allows the
    /// non-linearity gap E[f(dropout(x))] ≠ f(x) of dropout placed before non-linear layers. Dropout without its
    /// 1/(1 − p) rescaling moves the mean by about p·‖det‖, far beyond either term for p ≥ 0.1.
    /// </summary>
    public const double McSigmas = 4;

    /// <inheritdoc cref="McSigmas"/>
    public const double McBias = 0.05;
}
