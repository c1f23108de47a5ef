namespace Harness.Infer.Checks;

/// <summary>
/// The same input must give bitwise identical outputs run after run (catches sampling left on in deployment: dropout
/// that ONNX Runtime keeps, injected noise). The batch runs <see cref="CheckTolerances.DeterminismRuns"/> times and
/// every later run is compared with the first, so a sampling op that happens to repeat its draw once still shows.
/// </summary>
public sealed class DeterminismCheck : IGateCheck
{
    public string Name => "determinism";

    public CheckResult Run(GateContext context)
    {
        var inputs = context.Inputs;
        var batch = inputs.Count;
        var first = context.Model.Run(inputs, 0, batch);
        var (differing, worst, where, values) = (0, 0.0, "", first.Sum(o => o.Length));
        var runs = 1;
        for (; runs < CheckTolerances.DeterminismRuns; runs++)
        {
            var again = context.Model.Run(inputs, 0, batch);
            for (var o = 0; o < first.Length; o++)
            {
                for (var j = 0; j < first[o].Length; j++)
                {
                    if (BitConverter.SingleToInt32Bits(first[o][j]) == BitConverter.SingleToInt32Bits(again[o][j]))
                    {
                        continue;
                    }

                    differing++;
                    var d = Math.Abs((double)first[o][j] - again[o][j]);
                    if (d > worst || double.IsNaN(d))
                    {
                        (worst, where) = (d, $"{context.Model.Session.Outputs[o].Name}[{j}]");
                    }
                }
            }
        }

        var evidence = new Dictionary<string, object>
        {
            ["runs"] = runs, ["differing_values"] = differing, ["values"] = values, ["max_abs_difference"] = worst, ["batch"] = batch,
        };
        return differing == 0
            ? CheckResult.Pass(Name, $"{runs} runs of a batch of {batch} are bitwise identical ({values} values)", evidence)
            : CheckResult.Fail(Name, $"{runs} runs of the same batch of {batch} differ in {CheckFormat.Number(differing)} " +
                                     $"values (compared with the first run, {values} values each); max difference " +
                                     $"{CheckFormat.Number(worst)} at {where}: something samples at inference", evidence);
    }
}
