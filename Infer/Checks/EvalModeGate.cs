namespace Harness.Infer.Checks;

/// <summary>
/// The CI gate: runs every check on a model (and its MC graph and probe when given) and collects the verdicts.
/// </summary>
public static class EvalModeGate
{
    /// <summary>The checks, in report order.</summary>
    public static IReadOnlyList<IGateCheck> Checks { get; } =
    [
        new DeterminismCheck(),
        new BatchIndependenceCheck(),
        new GraphLintCheck(),
        new ProbeParityCheck(),
        new McSamplingCheck(),
        new McMeanCheck(),
        new GraphLintCheck(mc: true),
        new McRunningStatisticsCheck(),
    ];

    public static GateReport Run(GateContext context)
    {
        var results = new List<CheckResult>();
        foreach (var check in Checks)
        {
            try
            {
                results.Add(check.Run(context));
            }
            catch (Exception e) when (e is Ort.OrtException or ArgumentException or InvalidOperationException)
            {
                results.Add(CheckResult.Fail(check.Name, $"the model failed while checking: {e.Message}"));
            }
        }

        return new GateReport(context.ModelPath, context.McPath, context.Inputs.Source, results);
    }
}
