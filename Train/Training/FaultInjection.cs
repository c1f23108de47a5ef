using System.Globalization;

namespace Harness.Train.Training;

/// <summary>
/// Fault injection for the resume tests: with <c>HARNESS_FAULT_AFTER_EPOCH=N</c> the process dies abruptly
/// (Environment.FailFast: no cleanup, like kill -9) right after epoch N's checkpoint is written.
/// </summary>
internal static class FaultInjection
{
    public const string Variable = "HARNESS_FAULT_AFTER_EPOCH";

    public static void AfterEpoch(int epoch)
    {
        var value = Environment.GetEnvironmentVariable(Variable);
        if (value is not null && int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var target) && target == epoch)
        {
            Environment.FailFast($"{Variable}={target}: simulated crash after epoch {epoch}");
        }
    }
}
