namespace Harness.Infer.Checks;

/// <summary>
/// One check's verdict, a one-line message that names the check and shows the evidence ("max |batched − alone| =
/// 3.1e-01 at batch 8, sample 3 > 1e-04"), and the evidence as numbers/strings for JSON reports.
/// </summary>
public sealed record CheckResult(string Name, CheckStatus Status, string Message, IReadOnlyDictionary<string, object> Evidence)
{
    public static CheckResult Pass(string name, string message, IReadOnlyDictionary<string, object>? evidence = null) =>
        new(name, CheckStatus.Pass, message, evidence ?? new Dictionary<string, object>());

    public static CheckResult Fail(string name, string message, IReadOnlyDictionary<string, object>? evidence = null) =>
        new(name, CheckStatus.Fail, message, evidence ?? new Dictionary<string, object>());

    public static CheckResult Skip(string name, string reason) =>
        new(name, CheckStatus.Skip, reason, new Dictionary<string, object>());
}
