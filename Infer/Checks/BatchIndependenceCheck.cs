namespace Harness.Infer.Checks;

/// <summary>
/// Each sample's output inside batches of several sizes must equal its output alone. Catches BatchNorm on batch
/// statistics and any other cross-sample leakage, whatever ops produce it.
/// </summary>
public sealed class BatchIndependenceCheck : IGateCheck
{
    public string Name => "batch-independence";

    public CheckResult Run(GateContext context)
    {
        if (context.Model.FixedBatch is { } fixedBatch)
        {
            return CheckResult.Skip(Name, $"the batch dimension is fixed at {fixedBatch}");
        }

        var inputs = context.Inputs;
        var n = inputs.Count;
        var alone = Enumerable.Range(0, n).Select(i => context.Model.Run(inputs, i, 1)).ToArray();
        var sizes = new[] { 2, 5, n }.Where(b => b >= 2 && b <= n).Distinct().ToArray();
        if (sizes.Length == 0)
        {
            return CheckResult.Skip(Name, "fewer than 2 samples to batch");
        }

        // The worst sample is the one that exceeds its allowance the most (or comes closest to it).
        double worst = 0, worstExcess = double.NegativeInfinity;
        var where = "";
        foreach (var b in sizes)
        {
            for (var start = 0; start + b <= n; start += b)
            {
                var batched = context.Model.Run(inputs, start, b);
                for (var o = 0; o < batched.Length; o++)
                {
                    var per = batched[o].Length / b;
                    for (var k = 0; k < b; k++)
                    {
                        var single = alone[start + k][o];
                        for (var j = 0; j < per; j++)
                        {
                            var y = single[j];
                            var d = Math.Abs((double)batched[o][k * per + j] - y);
                            var allowed = CheckTolerances.BatchAbsolute + CheckTolerances.BatchRelative * Math.Abs(y);
                            var excess = double.IsNaN(d) ? double.PositiveInfinity : d - allowed;
                            if (excess > worstExcess)
                            {
                                (worst, worstExcess) = (double.IsNaN(d) ? double.PositiveInfinity : d, excess);
                                where = $"batch {b}, sample {start + k}, {context.Model.Session.Outputs[o].Name}[{j}]";
                            }
                        }
                    }
                }
            }
        }

        var evidence = new Dictionary<string, object>
        {
            ["batch_sizes"] = sizes, ["max_abs_difference"] = worst, ["samples"] = n,
        };
        var message = $"max |batched − alone| = {worst:E2} at {where} (batch sizes {string.Join(", ", sizes)}; " +
                      $"allowed {CheckTolerances.BatchAbsolute:E0} + {CheckTolerances.BatchRelative:E0}·|y|)";
        return worstExcess <= 0
            ? CheckResult.Pass(Name, message, evidence)
            : CheckResult.Fail(Name, message, evidence);
    }
}
