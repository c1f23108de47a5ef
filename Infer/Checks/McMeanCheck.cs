namespace Harness.Infer.Checks;

/// <summary>
/// MC dropout must be inverted dropout: in expectation it changes nothing. Where the MC graph's dropout sites can be
/// found (<see cref="McDropoutSite"/>: a sampled mask multiplied into data), each site's E[output / data] must be 1
/// within Monte-Carlo error (<see cref="CheckTolerances.McSiteAbsolute"/>): a mask applied without its 1/(1 − p)
/// rescaling gives 1 − p. Otherwise the check falls back to the outputs: the mean of many MC passes must approach the
/// deterministic output, ‖mean − det‖ ≤ 4·‖σ‖/√T + <see cref="CheckTolerances.McBias"/>·‖det‖, a coarser bar because
/// E[f(dropout(x))] ≠ f(x) for non-linear layers after the dropout. The output comparison is always reported.
/// </summary>
public sealed class McMeanCheck : IGateCheck
{
    public string Name => "mc-mean";

    public CheckResult Run(GateContext context)
    {
        if (context.Mc is not { } mc || context.McGraph is not { } mcGraph)
        {
            return CheckResult.Skip(Name, "no MC graph given (--mc)");
        }

        var batch = context.Inputs.Count;
        var deterministic = context.Model.Run(context.Inputs, 0, batch)[0];
        var stats = McStatistics.Collect(mc, context.Inputs, 0, batch, CheckTolerances.McPasses);
        var distance = McStatistics.DistanceNorm(stats.Mean, deterministic);
        var noise = stats.StandardErrorNorm(0, stats.Mean.Length);
        var scale = McStatistics.Norm(deterministic);
        var allowed = CheckTolerances.McSigmas * noise + CheckTolerances.McBias * scale;
        var relative = distance / Math.Max(scale, 1e-12);
        var evidence = new Dictionary<string, object>
        {
            ["passes"] = stats.Passes, ["distance"] = distance, ["allowed"] = allowed,
            ["relative_distance"] = relative, ["standard_error"] = noise,
        };
        var outputs = $"‖MC mean − deterministic‖ = {CheckFormat.Number(distance)} (relative {CheckFormat.Number(relative)}) " +
                      $"over {stats.Passes} passes, allowed {CheckFormat.Number(allowed)} = {CheckTolerances.McSigmas}·" +
                      $"{CheckFormat.Number(noise)} (MC error) + {CheckFormat.Number(CheckTolerances.McBias)}·‖det‖";

        var sites = mc.Session.Inputs.Count == 1 ? McDropoutSite.Find(mcGraph.Graph) : [];
        var measured = new List<(McDropoutSite Site, double Mean, double Allowed)>();
        foreach (var site in sites)
        {
            var ratios = site.MeasureRatios(mcGraph, context.Inputs, mc.FixedBatch, context.Settings, CheckTolerances.McPasses);
            if (ratios.Count >= 2)
            {
                var mean = ratios.Average();
                var sd = Math.Sqrt(ratios.Sum(r => (r - mean) * (r - mean)) / (ratios.Count - 1));
                measured.Add((site, mean, CheckTolerances.McSigmas * sd / Math.Sqrt(ratios.Count) + CheckTolerances.McSiteAbsolute));
            }
        }

        if (measured.Count == 0)
        {
            var fallback = (sites.Count == 0 ? "no dropout site found in the MC graph; " : "no dropout site saw non-zero data; ") + outputs;
            return distance <= allowed
                ? CheckResult.Pass(Name, fallback, evidence)
                : CheckResult.Fail(Name, fallback + ": dropout changes the mean (missing 1/(1 − p) rescaling?)", evidence);
        }

        var worst = measured.MaxBy(m => Math.Abs(m.Mean - 1) / m.Allowed);
        evidence["sites"] = measured.Count;
        evidence["site_mean"] = worst.Mean;
        evidence["site_allowed_deviation"] = worst.Allowed;
        var message = $"E[dropout output / input] = {CheckFormat.Number(worst.Mean)} at {worst.Site.Node} (worst of " +
                      $"{measured.Count} site{(measured.Count == 1 ? "" : "s")}: {string.Join(", ", measured.Select(m => CheckFormat.Number(m.Mean)))}; " +
                      $"1 ± {CheckFormat.Number(worst.Allowed)} expected); outputs: {outputs}";
        return measured.All(m => Math.Abs(m.Mean - 1) <= m.Allowed)
            ? CheckResult.Pass(Name, message, evidence)
            : CheckResult.Fail(Name, "dropout is not rescaled by 1/(1 − p): " + message, evidence);
    }
}
