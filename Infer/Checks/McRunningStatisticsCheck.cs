namespace Harness.Infer.Checks;

/// <summary>
/// Normalization in the MC graph must use running statistics: each sample's MC mean alone must equal its MC mean
/// inside a batch of all the samples, within Monte-Carlo error. Sampling dropout with BatchNorm switched to batch
/// statistics (the published MC-dropout bug of calling train() on the whole network) fails this.
/// </summary>
/// <remarks>
/// The statistic pools every compared value: R = mean over samples i and outputs j of z² = Δᵢⱼ² / sᵢⱼ², with Δ the
/// difference of the two MC means and s² = (σ²_alone + σ²_batched)/T + (BatchAbsolute·(1 + |mean|))² its variance.
/// Without batch dependence R averages χ² variables of mean 1; outputs of one sample share their masks, so the
/// bar treats each sample as one degree of freedom (the conservative case of fully correlated outputs):
/// R ≤ χ²(ν = samples, one-sided 1e-6)/ν (Wilson–Hilferty). Pooling is what finds weak batch dependence under
/// strong dropout noise (BatchNorm on batch statistics before a global average pool moves a CNN's MC mean by about
/// its Monte-Carlo error per sample; two samples alone never show it, sixteen do).
/// </remarks>
public sealed class McRunningStatisticsCheck : IGateCheck
{
    public string Name => "mc-running-statistics";

    public CheckResult Run(GateContext context)
    {
        if (context.Mc is not { } mc)
        {
            return CheckResult.Skip(Name, "no MC graph given (--mc)");
        }

        if (mc.FixedBatch == 1)
        {
            return CheckResult.Skip(Name, "the MC graph's batch dimension is fixed at 1: samples never share a batch");
        }

        var n = context.Inputs.Count;
        if (n < 2)
        {
            return CheckResult.Skip(Name, "fewer than 2 samples to batch");
        }

        var passes = CheckTolerances.McPasses;
        var compared = Math.Min(n, CheckTolerances.McRunningStatisticsSamples);
        var batched = McStatistics.Collect(mc, context.Inputs, 0, n, passes);
        var per = batched.Mean.Length / n;
        double total = 0, worstZ2 = -1;
        var worst = "";
        for (var i = 0; i < compared; i++)
        {
            var alone = McStatistics.Collect(mc, context.Inputs, i, 1, passes);
            double sampleZ2 = 0;
            for (var j = 0; j < per; j++)
            {
                var inBatch = batched.Mean[i * per + j];
                var delta = (double)alone.Mean[j] - inBatch;
                var floor = CheckTolerances.BatchAbsolute * (1 + Math.Abs(inBatch));
                var variance = ((double)alone.Std[j] * alone.Std[j] + (double)batched.Std[i * per + j] * batched.Std[i * per + j]) / passes + floor * floor;
                sampleZ2 += delta * delta / variance;
            }

            total += sampleZ2;
            if (sampleZ2 > worstZ2)
            {
                worstZ2 = sampleZ2;
                var distance = McStatistics.DistanceNorm(alone.Mean, batched.Mean.AsSpan(i * per, per));
                worst = $"sample {i}: ‖MC mean alone − in the batch‖ = {CheckFormat.Number(distance)}, mean z² {CheckFormat.Number(sampleZ2 / per)}";
            }
        }

        var meanZ2 = total / (compared * per);
        var bar = ChiSquareBar(compared);
        var ratio = meanZ2 / bar;
        var evidence = new Dictionary<string, object>
        {
            ["passes"] = passes, ["samples"] = compared, ["mean_z2"] = meanZ2, ["allowed_mean_z2"] = bar, ["ratio_to_allowed"] = ratio,
        };
        var message = $"mean z² of (MC mean alone − MC mean in a batch of {n}) = {CheckFormat.Number(meanZ2)} over {compared} samples × " +
                      $"{per} outputs, {passes} passes each; allowed {CheckFormat.Number(bar)} (ratio {CheckFormat.Number(ratio)}); worst {worst}";
        return ratio <= 1
            ? CheckResult.Pass(Name, message + " (normalization on running statistics)", evidence)
            : CheckResult.Fail(Name, message + ": normalization depends on the batch (batch statistics)", evidence);
    }

    /// <summary>χ²(ν) / ν at the one-sided <see cref="CheckTolerances.McRunningStatisticsZ"/> quantile (Wilson–Hilferty).</summary>
    internal static double ChiSquareBar(int dof)
    {
        var c = 2.0 / (9 * dof);
        return Math.Pow(1 - c + CheckTolerances.McRunningStatisticsZ * Math.Sqrt(c), 3);
    }
}
