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

    /// <summary>
    /// Probe parity's relative floor: |model − probe| ≤ tolerance + ProbeRelative·|probe|. A probe's absolute
    /// tolerance is written for outputs of magnitude ~1; float32 kernels that sum in another order differ by a few
    /// ulps of the output's magnitude (1 ulp = 1.2e-7 relative), so a regressor with outputs ~1e3 differs by ~1e-4
    /// with nothing wrong. 1e-6 is ~8 ulps: it lifts the bar above float32 resolution for large outputs and leaves
    /// it at the probe's tolerance for O(1) logits. Every drift the gate exists for (weights, statistics, layers) is
    /// ≥ 1e-3 relative.
    /// </summary>
    public const double ProbeRelative = 1e-6;

    /// <summary>
    /// Runs of the deployment batch compared bitwise by the determinism check. A sampling op repeats a whole batch's
    /// draw with negligible probability, but a single dropout over few live units can (p^k for k units); comparing
    /// two later runs with the first costs one extra run.
    /// </summary>
    public const int DeterminismRuns = 3;

    /// <summary>
    /// At most this many runs of the MC graph until one differs from the first. A sampling MC graph differs on the
    /// second run almost always (the check stops there); a tiny model (a few live units, small p) can repeat its
    /// masks, with probability (P(same masks))^(runs − 1), which is negligible at 16 runs unless the graph is nearly
    /// deterministic anyway.
    /// </summary>
    public const int McSamplingRuns = 16;

    /// <summary>
    /// MC passes per statistic. The Monte-Carlo error of a mean shrinks as 1/√T; 200 passes put it at 7% of the
    /// per-pass spread, and every bound below adds that error explicitly, so T trades power for time, not false
    /// alarms. 200 passes of a tiny model take ~10 ms.
    /// </summary>
    public const int McPasses = 200;

    /// <summary>
    /// Monte-Carlo error multiplier of the MC mean checks: a mean is allowed to stray 4 standard errors (a normal
    /// tail of 3e-5 per comparison).
    /// </summary>
    public const double McSigmas = 4;

    /// <summary>
    /// Output-level MC mean bar, used as the verdict only when the MC graph's dropout sites cannot be found:
    /// ‖mean − det‖ ≤ McSigmas·‖σ‖/√T + McBias·‖det‖. The non-linearity gap E[f(dropout(x))] − f(x) is real for
    /// dropout placed before BatchNorm + ReLU layers: measured with 2000 passes it reached 9.7% of ‖det‖ on our MLP
    /// (two dropouts of p = 0.3, synthesized inputs off the training distribution), 3.5% on the PyTorch CNN, 0.4% on a
    /// regressor with dropout right before its head. 15% keeps a 1.5× margin over the worst gap seen; it still
    /// catches dropout without rescaling at p = 0.3 (34–47% measured) but not at p = 0.2 before deep layers (5–8%),
    /// which is why the site-level measure (<see cref="McSiteAbsolute"/>) is the primary verdict.
    /// </summary>
    public const double McBias = 0.15;

    /// <summary>
    /// Site-level MC mean bar: |E[output / data] − 1| ≤ McSigmas·se + McSiteAbsolute at each dropout site. Inverted
    /// dropout has E[mask · 1/(1 − p)] = 1 exactly; the only other error is the float32 rounding of 1/(1 − p)
    /// (≤ 1e-7). 1e-3 is a floor for a site whose ratio hardly varies (huge layers): a missing rescaling moves the
    /// ratio by p, which is ≥ 0.05 for any dropout worth sampling.
    /// </summary>
    public const double McSiteAbsolute = 1e-3;

    /// <summary>
    /// Samples whose MC mean alone is compared with their MC mean in the batch (each costs <see cref="McPasses"/>
    /// runs of one sample). 16 samples make the pooled statistic sensitive to a batch dependence of about half the
    /// Monte-Carlo error per sample (bar 3.7 on the mean z² for 16, 5.5 for 8).
    /// </summary>
    public const int McRunningStatisticsSamples = 16;

    /// <summary>
    /// One-sided normal quantile of the mc-running-statistics bar: 4.75 ↔ 1e-6 false alarms per check, assuming the
    /// worst correlation between a sample's outputs (see <see cref="McRunningStatisticsCheck"/>).
    /// </summary>
    public const double McRunningStatisticsZ = 4.75;
}
