using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;

namespace Harness.Core.Runs;

/// <summary>
/// One run's folder (<c>runs/&lt;name&gt;/</c>): the resolved configuration, metrics as JSON lines, the summary,
/// checkpoints, ONNX files and reports. Every stage reads and writes files here.
/// </summary>
public sealed class RunFolder
{
    /// <summary>Indented JSON; NaN and infinities are written as the strings "NaN", "Infinity" (and read back).</summary>
    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>One-line JSON for metrics.jsonl, with the same number handling as <see cref="Json"/>.</summary>
    public static readonly JsonSerializerOptions JsonLine = new(Json) { WriteIndented = false };

    public RunFolder(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public string ConfigFile => File("config.json");

    public string MetricsFile => File("metrics.jsonl");

    public string SummaryFile => File("summary.json");

    /// <summary>Writes the fully resolved configuration (all layers applied) as nested JSON.</summary>
    public void WriteConfig(IConfiguration configuration) =>
        WriteAtomically(ConfigFile, ToJson(configuration).ToJsonString(Json));

    /// <summary>Appends one JSON object as a line to metrics.jsonl.</summary>
    public void AppendMetrics(object record) =>
        System.IO.File.AppendAllText(MetricsFile, JsonSerializer.Serialize(record, JsonLine) + "\n");

    public void WriteSummary(object summary) => WriteAtomically(SummaryFile, JsonSerializer.Serialize(summary, Json));

    /// <summary>Writes text through a temporary file and a rename, so readers never see half a file.</summary>
    public static void WriteAtomically(string path, string text)
    {
        var temp = path + ".tmp";
        System.IO.File.WriteAllText(temp, text);
        System.IO.File.Move(temp, path, overwrite: true);
    }

    private static JsonNode ToJson(IConfiguration section)
    {
        var node = new JsonObject();
        foreach (var child in section.GetChildren())
        {
            node[child.Key] = child.GetChildren().Any() ? ToJson(child) : JsonValue.Create(child.Value);
        }

        return node;
    }
}
