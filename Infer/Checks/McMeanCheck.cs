namespace Harness.Infer.Checks;

/// <summary>
/// The mean of many MC passes must approach the deterministic output: ‖mean − det‖ ≤ 4·‖σ‖/√T + 5%·‖det‖
/// (see <see cref="CheckTolerances.McSigmas"/>). Dropout without its 1/(1 − p) rescaling fails this.
/// </summary>
public sealed class McMeanCheck : IGateCheck
{
    public string Name => "mc-mean";

    public CheckResult Run(GateContext context)
    {
        if (context.Mc is not { } mc)
        {
            return CheckResult.Skip(Name, "no MC graph given (--mc)");
        }

        var batch = Math.Min(mc.FixedBatch ?? context.Inputs.Count, context.Model.FixedBatch ?? context.Inputs.Count);
        var deterministic = context.Model.Run(context.Inputs, 0, batch)[0];
        var stats = McStatistics.Collect(mc, context.Inputs, 0, batch, CheckTolerances.McPasses);
        var distance = McStatistics.DistanceNorm(stats.Mean, deterministic);
        var noise = stats.StandardErrorNorm(0, stats.Mean.Length);
        var scale = McStatistics.Norm(deterministic);
        var allowed = CheckTolerances.McSigmas * noise + CheckTolerances.McBias * scale;
        var evidence = new Dictionary<string, object>
        {
            ["passes"] = stats.Passes, ["distance"] = distance, ["allowed"] = allowed,
            ["relative_distance"] = distance / Math.Max(scale, 1e-12), ["standard_error"] = noise,
        };
        var message = $"‖MC mean − deterministic‖ = {distance:E2} ({distance / Math.Max(scale, 1e-12):P1} of ‖det‖) over " +
                      $"{stats.Passes} passes; allowed {allowed:E2} = {CheckTolerances.McSigmas}·{noise:E2} (MC error) + " +
                      $"{CheckTolerances.McBias:P0}·‖det‖";
        return distance <= allowed ? CheckResult.Pass(Name, message, evidence) : CheckResult.Fail(Name, message, evidence);
    }
}
