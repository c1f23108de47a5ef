namespace Harness.Infer.Checks;

/// <summary>
/// The model's outputs on the probe's inputs must match the outputs the trainer recorded:
/// |model − probe| ≤ tolerance + <see cref="CheckTolerances.ProbeRelative"/>·|probe| for every value, the tolerance
/// being the probe's own (or <see cref="CheckTolerances.ProbeDefault"/> when it holds 0).
/// </summary>
public sealed class ProbeParityCheck : IGateCheck
{
    public string Name => "probe-parity";

    public CheckResult Run(GateContext context)
    {
        if (context.Probe is not { } probe)
        {
            return CheckResult.Skip(Name, "no probe given (--probe)");
        }

        var outputs = context.Model.Session.Outputs;
        var outputIndex = probe.OutputName.Length > 0 && outputs.Any(o => o.Name == probe.OutputName)
            ? context.Model.Session.OutputIndex(probe.OutputName)
            : 0;
        var actual = context.Model.Run(context.Inputs, 0, probe.Count)[outputIndex];
        var tolerance = probe.Tolerance > 0 ? probe.Tolerance : CheckTolerances.ProbeDefault;
        if (actual.Length != probe.Outputs.Length)
        {
            return CheckResult.Fail(Name,
                $"output '{outputs[outputIndex].Name}' has {CheckFormat.Number(actual.Length)} values for the probe's " +
                $"{probe.Count} samples; the probe holds {CheckFormat.Number(probe.Outputs.Length)} " +
                $"(shape [{string.Join(", ", probe.OutputShape)}]): the model's output shape changed",
                new Dictionary<string, object> { ["values"] = actual.Length, ["probe_values"] = probe.Outputs.Length });
        }

        // The worst value is the one that exceeds its allowance the most (NaN anywhere never passes).
        double worst = 0, worstExcess = double.NegativeInfinity;
        var where = "";
        var per = probe.Outputs.Length / probe.Count;
        for (var j = 0; j < actual.Length; j++)
        {
            var expected = probe.Outputs[j];
            var d = Math.Abs((double)actual[j] - expected);
            d = double.IsNaN(d) ? double.PositiveInfinity : d;
            var excess = d - (tolerance + CheckTolerances.ProbeRelative * Math.Abs(expected));
            if (excess > worstExcess)
            {
                (worst, worstExcess) = (d, excess);
                where = $"sample {j / per}, {outputs[outputIndex].Name}[{j % per}] (model {CheckFormat.Number(actual[j])}, " +
                        $"probe {CheckFormat.Number(expected)})";
            }
        }

        var evidence = new Dictionary<string, object>
        {
            ["max_abs_difference"] = worst, ["tolerance"] = tolerance, ["relative_tolerance"] = CheckTolerances.ProbeRelative,
            ["samples"] = probe.Count,
        };
        var message = $"worst |model − probe| = {CheckFormat.Number(worst)} at {where} over {probe.Count} samples; allowed " +
                      $"{CheckFormat.Number(tolerance)} + {CheckFormat.Number(CheckTolerances.ProbeRelative)}·|probe|";
        return worstExcess <= 0
            ? CheckResult.Pass(Name, message, evidence)
            : CheckResult.Fail(Name, message + ": the model no longer computes what was trained", evidence);
    }
}
