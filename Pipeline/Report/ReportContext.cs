namespace Harness.Pipeline.Report;

/// <summary>What the sections read: the run folder, the benchmark folder, the policy's run folder (play results), and
/// unique ids for the page's charts.</summary>
public sealed class ReportContext(string runFolder, string benchFolder, string? playFolder = null)
{
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);

    /// <summary>The run folder (absolute).</summary>
    public string RunFolder { get; } = Path.GetFullPath(runFolder);

    /// <summary>The folder of benchmark JSON files (absolute; may not exist).</summary>
    public string BenchFolder { get; } = Path.GetFullPath(benchFolder);

    /// <summary>The folder holding play.json (absolute; the run folder unless another was given).</summary>
    public string PlayFolder { get; } = Path.GetFullPath(playFolder ?? runFolder);

    /// <summary>The run's name: the run folder's name.</summary>
    public string RunName => Path.GetFileName(RunFolder.TrimEnd(Path.DirectorySeparatorChar));

    public string File(string name) => Path.Combine(RunFolder, name);

    /// <summary>A page-unique id: "prefix-1", "prefix-2", …</summary>
    public string NextId(string prefix)
    {
        var n = _ids.GetValueOrDefault(prefix) + 1;
        _ids[prefix] = n;
        return $"{prefix}-{n}";
    }
}
