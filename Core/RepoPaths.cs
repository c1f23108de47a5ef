namespace Harness.Core;

/// <summary>
/// Well-known locations of the repository: its root (the folder holding <c>Harness.sln</c>), the ignored
/// <c>.native/</c> folder where setup puts the native engines, and <c>appsettings.json</c>.
/// </summary>
public static class RepoPaths
{
    /// <summary>Environment variable that overrides the repository root (for published copies).</summary>
    public const string RootVariable = "HARNESS_ROOT";

    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    /// <summary>The repository root: <c>HARNESS_ROOT</c>, else the first parent of the app or the
    /// working directory that holds <c>Harness.sln</c>, else the working directory.</summary>
    public static string Root => LazyRoot.Value;

    /// <summary>Folder of the native engines installed by setup (ignored by git).</summary>
    public static string NativeDir => Path.Combine(Root, ".native");

    /// <summary>The default settings file.</summary>
    public static string AppSettings => Path.Combine(Root, "appsettings.json");

    private static string FindRoot()
    {
        var fromEnv = Environment.GetEnvironmentVariable(RootVariable);
        if (!string.IsNullOrWhiteSpace(fromEnv))
        {
            return Path.GetFullPath(fromEnv);
        }

        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Harness.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
