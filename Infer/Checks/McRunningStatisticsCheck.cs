namespace Harness.Infer.Checks;

/// <summary>
/// Normalization in the MC graph must use running statistics: a sample's MC mean alone must equal its MC mean
/// inside a batch of other samples, within Monte-Carlo error. Sampling dropout with BatchNorm switched to batch
/// statistics (the published MC-dropout bug of calling train() on the whole network) fails this.
/// </summary>
public sealed class McRunningStatisticsCheck : IGateCheck
{
    public string Name => "mc-running-statistics";

    public CheckResult Run(GateContext context)
    {
        if (context.Mc is not { } mc)
        {
            return CheckResult.Skip(Name, "no MC graph given (--mc)");
        }

        if (mc.FixedBatch is not null)
        {
            return CheckResult.Skip(Name, $"the MC graph's batch dimension is fixed at {mc.FixedBatch}");
        }

        var n = context.Inputs.Count;
        if (n < 2)
        {
            return CheckResult.Skip(Name, "fewer than 2 samples to batch");
        }

        var passes = CheckTolerances.McPasses;
        var batched = McStatistics.Collect(mc, context.Inputs, 0, n, passes);
        var per = batched.Mean.Length / n;
        double worstRatio = 0;
        var worst = "";
        foreach (var i in new[] { 0, n - 1 })
        {
            var alone = McStatistics.Collect(mc, context.Inputs, i, 1, passes);
            var inBatch = batched.Mean.AsSpan(i * per, per);
            var distance = McStatistics.DistanceNorm(alone.Mean, inBatch);
            var noise = Math.Sqrt(Math.Pow(alone.StandardErrorNorm(0, per), 2) + Math.Pow(batched.StandardErrorNorm(i * per, per), 2));
            var allowed = CheckTolerances.McSigmas * noise + CheckTolerances.BatchAbsolute * (1 + McStatistics.Norm(inBatch));
            var ratio = distance / allowed;
            if (ratio >= worstRatio)
            {
                worstRatio = ratio;
                worst = $"sample {i}: ‖mean alone − mean in batch of {n}‖ = {distance:E2}, allowed {allowed:E2}";
            }
        }

        var evidence = new Dictionary<string, object> { ["passes"] = passes, ["worst_ratio_to_allowed"] = worstRatio };
        return worstRatio <= 1
            ? CheckResult.Pass(Name, worst + " (normalization on running statistics)", evidence)
            : CheckResult.Fail(Name, worst + " (normalization depends on the batch)", evidence);
    }
}
