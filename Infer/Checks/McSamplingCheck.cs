namespace Harness.Infer.Checks;

/// <summary>
/// The MC graph must still sample under ONNX Runtime's default optimizations: two runs of the same input differ.
/// Catches dropout that the runtime optimized away (e.g. Dropout ≤ 13 whose mask output is unused).
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

        var batch = mc.FixedBatch ?? context.Inputs.Count;
        var first = mc.Run(context.Inputs, 0, batch)[0];
        var differing = 0;
        for (var attempt = 0; attempt < 3 && differing == 0; attempt++)
        {
            var again = mc.Run(context.Inputs, 0, batch)[0];
            differing = first.Zip(again).Count(p => p.First != p.Second);
        }

        var evidence = new Dictionary<string, object> { ["differing_values"] = differing, ["values"] = first.Length };
        return differing > 0
            ? CheckResult.Pass(Name, $"repeated runs differ in {differing} of {first.Length} values: dropout samples", evidence)
            : CheckResult.Fail(Name, $"4 runs of the same batch gave identical outputs ({first.Length} values): the MC graph does not sample (dropout removed or inactive)", evidence);
    }
}
