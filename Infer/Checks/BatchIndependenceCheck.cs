namespace Harness.Infer.Checks;

/// <summary>
/// Each sample's output inside batches of several sizes must equal its output alone. Catches BatchNorm on batch
/// statistics and any other cross-sample leakage, whatever ops produce it (graph inspection cannot see batch
/// statistics computed by ReduceMean arithmetic; this check does). A model with a fixed batch size B runs every
/// batch padded to B by repeating its own samples (see <see cref="ModelRunner.Run"/>): "alone" is then a batch of B
/// copies of the sample, which batch statistics normalize to a constant.
/// </summary>
public sealed class BatchIndependenceCheck : IGateCheck
{
    public string Name => "batch-independence";

    public CheckResult Run(GateContext context)
    {
        if (context.Model.FixedBatch == 1)
        {
            return CheckResult.Skip(Name, "the batch dimension is fixed at 1: samples never share a batch");
        }

        var inputs = context.Inputs;
        var n = inputs.Count;
        var sizes = new[] { 2, 5, context.Model.FixedBatch ?? n, n }.Where(b => b >= 2 && b <= n).Distinct().ToArray();
        if (sizes.Length == 0)
        {
            return CheckResult.Skip(Name, "fewer than 2 samples to batch");
        }

        var alone = Enumerable.Range(0, n).Select(i => context.Model.Run(inputs, i, 1)).ToArray();

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
                            var z = batched[o][k * per + j];
                            // NaN in both is the same behaviour alone and batched; NaN in one of them is not.
                            var d = float.IsNaN(y) && float.IsNaN(z) ? 0 : Math.Abs((double)z - y);
                            d = double.IsNaN(d) ? double.PositiveInfinity : d;
                            var allowed = CheckTolerances.BatchAbsolute + CheckTolerances.BatchRelative * Math.Abs(y);
                            var excess = d - allowed;
                            if (excess > worstExcess)
                            {
                                (worst, worstExcess) = (d, excess);
                                where = $"batch {b}, sample {start + k}, {context.Model.Session.Outputs[o].Name}[{j}] " +
                                        $"(alone {CheckFormat.Number(y)}, batched {CheckFormat.Number(z)})";
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
        var message = $"worst |batched − alone| = {CheckFormat.Number(worst)} at {where}; batch sizes {string.Join(", ", sizes)}, " +
                      $"allowed {CheckFormat.Number(CheckTolerances.BatchAbsolute)} + {CheckFormat.Number(CheckTolerances.BatchRelative)}·|y|";
        return worstExcess <= 0
            ? CheckResult.Pass(Name, message, evidence)
            : CheckResult.Fail(Name, message + ": outputs depend on the other samples in the batch (batch statistics?)", evidence);
    }
}
