using Harness.Core.Configuration;
using Microsoft.Extensions.Configuration;

namespace Harness.Core;

/// <summary>
/// Runs a stage's body with the shared contract: configuration loaded from appsettings.json + HARNESS__
/// variables + --Section:Key=value overrides; <see cref="UsageException"/> or a native engine that cannot be
/// loaded (<see cref="DllNotFoundException"/>, whose message lists the paths tried) → message and exit 2; any other
/// failure → message and exit 1; the body's own exit code otherwise.
/// </summary>
public static class StageRunner
{
    public static int Run(string stage, string[] args, Func<IConfigurationRoot, IReadOnlyList<string>, int> body,
        string? defaultProfile = null)
    {
        try
        {
            var (configuration, positional) = HarnessConfiguration.Load(args, defaultProfile: defaultProfile);
            return body(configuration, positional);
        }
        catch (Exception e) when (e is UsageException or DllNotFoundException)
        {
            System.Console.Error.WriteLine($"{stage}: error: {e.Message}");
            return ExitCodes.UsageError;
        }
        catch (Exception e)
        {
            System.Console.Error.WriteLine($"{stage}: failed: {e}");
            return ExitCodes.CheckFailed;
        }
    }
}
