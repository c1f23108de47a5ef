using Microsoft.Extensions.Configuration;

namespace Harness.Core.Configuration;

/// <summary>
/// Loads the layered configuration, later layers overriding earlier ones: <c>appsettings.json</c> (every default);
/// a named profile from its <c>Profiles</c> section (chosen by <c>--profile NAME</c>, else <c>HARNESS_PROFILE</c>,
/// else the stage's default profile); environment variables prefixed <c>HARNESS__</c>
/// (<c>HARNESS__Train__Epochs=3</c>); command-line overrides (<c>--Train:Epochs=3</c> or <c>--Train:Epochs 3</c>).
/// Arguments that are neither overrides nor <c>--profile</c> are returned as the stage's positional arguments.
/// </summary>
public static class HarnessConfiguration
{
    public const string EnvironmentPrefix = "HARNESS__";

    public const string ProfileVariable = "HARNESS_PROFILE";

    public const string ProfilesSection = "Profiles";

    /// <summary>Key under which the chosen profile's name is recorded in the resolved configuration.</summary>
    public const string ProfileKey = "Run:Profile";

    /// <summary>Builds the configuration and splits <paramref name="args"/> into overrides and the rest.</summary>
    public static (IConfigurationRoot Configuration, IReadOnlyList<string> Arguments) Load(string[] args,
        string? settingsPath = null, string? defaultProfile = null)
    {
        var path = settingsPath ?? RepoPaths.AppSettings;
        if (!File.Exists(path))
        {
            throw new UsageException($"Settings file not found: {path}. Run from the repository or set {RepoPaths.RootVariable}.");
        }

        var (overrides, rest) = SplitOverrides(args);
        var profile = TakeProfile(rest) ?? Environment.GetEnvironmentVariable(ProfileVariable) ?? defaultProfile;
        IConfigurationRoot configuration;
        try
        {
            var defaults = new ConfigurationBuilder().AddJsonFile(path, optional: false, reloadOnChange: false).Build();
            configuration = new ConfigurationBuilder()
                .AddJsonFile(path, optional: false, reloadOnChange: false)
                .AddInMemoryCollection(ProfileLayer(defaults, profile, path))
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

    /// <summary>The keys of profile <paramref name="name"/>, re-rooted (Profiles:x:Train:Epochs → Train:Epochs).</summary>
    private static Dictionary<string, string?> ProfileLayer(IConfiguration defaults, string? name, string path)
    {
        var layer = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (string.IsNullOrWhiteSpace(name))
        {
            return layer;
        }

        var section = defaults.GetSection(ProfilesSection).GetSection(name);
        if (!section.Exists())
        {
            var known = string.Join(", ", defaults.GetSection(ProfilesSection).GetChildren().Select(c => c.Key));
            throw new UsageException($"Profile '{name}' is not defined in {path} (known: {known}).");
        }

        var prefix = section.Path + ":";
        foreach (var (key, value) in section.AsEnumerable())
        {
            if (value is not null && key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                layer[key[prefix.Length..]] = value;
            }
        }

        layer[ProfileKey] = name;
        return layer;
    }

    /// <summary>Removes <c>--profile NAME</c> (or <c>--profile=NAME</c>) from the arguments and returns NAME.</summary>
    private static string? TakeProfile(List<string> args)
    {
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i].StartsWith("--profile=", StringComparison.Ordinal))
            {
                var name = args[i]["--profile=".Length..];
                args.RemoveAt(i);
                return name;
            }

            if (args[i] == "--profile")
            {
                if (i + 1 >= args.Count)
                {
                    throw new UsageException("--profile needs a name.");
                }

                var name = args[i + 1];
                args.RemoveRange(i, 2);
                return name;
            }
        }

        return null;
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
