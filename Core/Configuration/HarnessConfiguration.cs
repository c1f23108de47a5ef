using Microsoft.Extensions.Configuration;

namespace Harness.Core.Configuration;

/// <summary>
/// Loads the layered configuration: <c>appsettings.json</c> (every default), then environment variables
/// prefixed <c>HARNESS__</c> (<c>HARNESS__Train__Epochs=3</c>), then command-line overrides
/// (<c>--Train:Epochs=3</c> or <c>--Train:Epochs 3</c>). Arguments that are not overrides are returned as the
/// stage's positional arguments.
/// </summary>
public static class HarnessConfiguration
{
    public const string EnvironmentPrefix = "HARNESS__";

    /// <summary>Builds the configuration and splits <paramref name="args"/> into overrides and the rest.</summary>
    public static (IConfigurationRoot Configuration, IReadOnlyList<string> Arguments) Load(string[] args, string? settingsPath = null)
    {
        var path = settingsPath ?? RepoPaths.AppSettings;
        if (!File.Exists(path))
        {
            throw new UsageException($"Settings file not found: {path}. Run from the repository or set {RepoPaths.RootVariable}.");
        }

        var (overrides, rest) = SplitOverrides(args);
        IConfigurationRoot configuration;
        try
        {
            configuration = new ConfigurationBuilder()
                .AddJsonFile(path, optional: false, reloadOnChange: false)
                .AddEnvironmentVariables(EnvironmentPrefix)
                .AddInMemoryCollection(overrides)
                .Build();
        }
        catch (Exception e) when (e is FormatException or InvalidDataException or IOException)
        {
            throw new UsageException($"Cannot read {path}: {e.Message}", e);
        }

        return (configuration, rest);
    }

    /// <summary>Separates <c>--Section:Key=value</c> / <c>--Section:Key value</c> overrides from other arguments.</summary>
    public static (Dictionary<string, string?> Overrides, List<string> Positional) SplitOverrides(IReadOnlyList<string> args)
    {
        var overrides = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var rest = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || !arg.Contains(':', StringComparison.Ordinal))
            {
                rest.Add(arg);
                continue;
            }

            var body = arg[2..];
            var eq = body.IndexOf('=', StringComparison.Ordinal);
            if (eq >= 0)
            {
                overrides[body[..eq]] = body[(eq + 1)..];
            }
            else if (i + 1 < args.Count)
            {
                overrides[body] = args[++i];
            }
            else
            {
                throw new UsageException($"Override '{arg}' has no value: write {arg}=VALUE.");
            }
        }

        return (overrides, rest);
    }
}
