namespace Harness.Infer.Checks;

/// <summary>The gate's verdicts on one model.</summary>
public sealed record GateReport(string Model, string? McModel, string Inputs, IReadOnlyList<CheckResult> Results)
{
    /// <summary>True when no check failed (skips do not fail the gate).</summary>
    public bool Passed => Results.All(r => r.Status != CheckStatus.Fail);

    public int Count(CheckStatus status) => Results.Count(r => r.Status == status);

    /// <summary>The failed check called <paramref name="name"/>, if any.</summary>
    public CheckResult? Failed(string name) => Results.FirstOrDefault(r => r.Name == name && r.Status == CheckStatus.Fail);
}
