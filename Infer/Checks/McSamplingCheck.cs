namespace Harness.Infer.Checks;

/// <summary>
/// The MC graph must still sample under ONNX Runtime's default optimizations: repeated runs of the same input differ.
/// Catches dropout that the runtime optimized away (e.g. Dropout ≤ 13 whose mask output is unused). Runs until two
/// runs differ, at most <see cref="CheckTolerances.McSamplingRuns"/> times, over every output.
/// </summary>
public sealed class McSamplingCheck : IGateCheck
{
    public string Name => "mc-sampling";

    public CheckResult Run(GateContext context)
    {
        if (context.Mc is not { } mc)
        {
            return CheckResult.Skip(Name, "no MC graph given (--mc)");
        }

        var batch = context.Inputs.Count;
        var first = mc.Run(context.Inputs, 0, batch);
        var values = first.Sum(o => o.Length);
        var (differing, runs) = (0, 1);
        while (differing == 0 && runs < CheckTolerances.McSamplingRuns)
        {
            var again = mc.Run(context.Inputs, 0, batch);
            runs++;
            differing = first.Zip(again).Sum(p => p.First.Zip(p.Second).Count(v => BitConverter.SingleToInt32Bits(v.First) != BitConverter.SingleToInt32Bits(v.Second)));
        }

        var evidence = new Dictionary<string, object> { ["runs"] = runs, ["differing_values"] = differing, ["values"] = values };
        return differing > 0
            ? CheckResult.Pass(Name, $"run {runs} differs from run 1 in {CheckFormat.Number(differing)} of {values} values: dropout samples", evidence)
            : CheckResult.Fail(Name, $"{CheckFormat.Number(runs)} runs of the same batch of {batch} gave bitwise identical outputs " +
                                     $"({values} values): the MC graph does not sample (dropout optimized away or inactive)", evidence);
    }
}
