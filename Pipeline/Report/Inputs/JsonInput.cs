using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Harness.Pipeline.Report.Inputs;

/// <summary>The outcome of reading one JSON input: missing, unreadable (with the reason), or parsed.</summary>
public sealed record JsonLoad(string Path, JsonNode? Node, string? Error)
{
    public bool Missing => Node is null && Error is null;
}

/// <summary>
/// Tolerant JSON reading for the report: property names are matched without regard to case (so PascalCase
/// BenchmarkDotNet output and our snake_case files read alike), numbers may be written as strings ("NaN",
/// "Infinity", "0.5"), and absent or mistyped values come back as null instead of throwing.
/// </summary>
public static class JsonInput
{
    private static readonly JsonDocumentOptions Options = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    /// <summary>Parses <paramref name="path"/>; a missing file is not an error, a malformed one is.</summary>
    public static JsonLoad Load(string path)
    {
        if (!File.Exists(path))
        {
            return new JsonLoad(path, null, null);
        }

        try
        {
            var node = JsonNode.Parse(File.ReadAllText(path), documentOptions: Options);
            return node is null ? new JsonLoad(path, null, "the file holds JSON null") : new JsonLoad(path, node, null);
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            return new JsonLoad(path, null, e.Message);
        }
    }

    /// <summary>Parses one line of JSON (metrics.jsonl), or null with the reason.</summary>
    public static JsonNode? ParseLine(string line, out string? error)
    {
        try
        {
            error = null;
            return JsonNode.Parse(line, documentOptions: Options) ?? throw new JsonException("null line");
        }
        catch (JsonException e)
        {
            error = e.Message;
            return null;
        }
    }

    /// <summary>The first property of <paramref name="node"/> named one of <paramref name="names"/> (any case).</summary>
    public static JsonNode? Get(JsonNode? node, params string[] names)
    {
        if (node is not JsonObject obj)
        {
            return null;
        }

        foreach (var name in names)
        {
            foreach (var (key, value) in obj)
            {
                if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
                {
                    return value;
                }
            }
        }

        return null;
    }

    /// <summary>A number, or a string holding one ("NaN", "Infinity", "-Infinity", "0.5"); null otherwise.</summary>
    public static double? Number(JsonNode? node)
    {
        if (node is not JsonValue value)
        {
            return null;
        }

        if (value.TryGetValue<double>(out var d))
        {
            return d;
        }

        if (value.TryGetValue<string>(out var s))
        {
            return s switch
            {
                "NaN" => double.NaN,
                "Infinity" or "+Infinity" => double.PositiveInfinity,
                "-Infinity" => double.NegativeInfinity,
                _ => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed : null,
            };
        }

        return null;
    }

    public static double? Number(JsonNode? node, params string[] names) => Number(Get(node, names));

    public static string? Text(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonValue v when v.TryGetValue<bool>(out var b) => b ? "true" : "false",
        JsonValue v when v.TryGetValue<double>(out var d) => d.ToString("G", CultureInfo.InvariantCulture),
        _ => null,
    };

    public static string? Text(JsonNode? node, params string[] names) => Text(Get(node, names));

    public static bool? Bool(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<bool>(out var b) => b,
        JsonValue v when v.TryGetValue<string>(out var s) && bool.TryParse(s, out var parsed) => parsed,
        _ => null,
    };

    /// <summary>An array of numbers (non-numbers skipped), or null when the node is not an array.</summary>
    public static IReadOnlyList<double>? Numbers(JsonNode? node) =>
        node is JsonArray array ? array.Select(Number).Where(n => n.HasValue).Select(n => n!.Value).ToList() : null;

    /// <summary>The objects of an array (other elements skipped); empty when the node is not an array.</summary>
    public static IReadOnlyList<JsonObject> Objects(JsonNode? node) =>
        node is JsonArray array ? array.OfType<JsonObject>().ToList() : [];
}
