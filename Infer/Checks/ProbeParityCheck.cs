using Harness.Infer.Parity;

namespace Harness.Infer.Checks;

/// <summary>The model's outputs on the probe's inputs must match the outputs the trainer recorded.</summary>
public sealed class ProbeParityCheck : IGateCheck
{
    public string Name => "probe-parity";

    public CheckResult Run(GateContext context)
    {
        if (context.Probe is not { } probe)
        {
            return CheckResult.Skip(Name, "no probe given (--probe)");
        }

        var batch = context.Model.FixedBatch ?? probe.Count;
        var outputIndex = probe.OutputName.Length > 0 && context.Model.Session.Outputs.Any(o => o.Name == probe.OutputName)
            ? context.Model.Session.OutputIndex(probe.OutputName)
            : 0;
        var actual = new List<float>(probe.Outputs.Length);
        for (var start = 0; start < probe.Count; start += batch)
        {
            actual.AddRange(context.Model.Run(context.Inputs, start, Math.Min(batch, probe.Count - start))[outputIndex]);
        }

        var diff = OutputComparison.MaxAbsDifference(probe.Outputs, actual.ToArray());
        var tolerance = probe.Tolerance > 0 ? probe.Tolerance : CheckTolerances.ProbeDefault;
        var evidence = new Dictionary<string, object> { ["max_abs_difference"] = diff, ["tolerance"] = tolerance, ["samples"] = probe.Count };
        var message = $"max |model − probe| = {diff:E2} over {probe.Count} samples (tolerance {tolerance:E0})";
        return diff <= tolerance ? CheckResult.Pass(Name, message, evidence) : CheckResult.Fail(Name, message, evidence);
    }
}
