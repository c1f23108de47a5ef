namespace Harness.Infer.Checks;

/// <summary>The same input twice must give bitwise identical outputs (catches sampling left on in deployment).</summary>
public sealed class DeterminismCheck : IGateCheck
{
    public string Name => "determinism";

    public CheckResult Run(GateContext context)
    {
        var inputs = context.Inputs;
        var batch = context.Model.FixedBatch ?? inputs.Count;
        var first = context.Model.Run(inputs, 0, batch);
        var second = context.Model.Run(inputs, 0, batch);
        var (differing, worst, where) = (0, 0.0, "");
        for (var o = 0; o < first.Length; o++)
        {
            for (var j = 0; j < first[o].Length; j++)
            {
                if (BitConverter.SingleToInt32Bits(first[o][j]) != BitConverter.SingleToInt32Bits(second[o][j]))
                {
                    differing++;
                    var d = Math.Abs((double)first[o][j] - second[o][j]);
                    if (d > worst || double.IsNaN(d))
                    {
                        (worst, where) = (d, $"{context.Model.Session.Outputs[o].Name}[{j}]");
                    }
                }
            }
        }

        var evidence = new Dictionary<string, object> { ["differing_values"] = differing, ["max_abs_difference"] = worst, ["batch"] = batch };
        return differing == 0
            ? CheckResult.Pass(Name, $"two runs of a batch of {batch} are bitwise identical", evidence)
            : CheckResult.Fail(Name, $"two runs of the same batch differ in {differing} values; max difference {worst:E2} at {where}", evidence);
    }
}
