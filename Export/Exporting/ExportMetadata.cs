using System.Security.Cryptography;
using System.Text.Json;
using Harness.Export.Onnx;

namespace Harness.Export.Exporting;

/// <summary>
/// The metadata every exported model carries (ONNX metadata_props), so a deployed file says what it is:
/// class names, the input normalization it expects, where it came from and how it was trained.
/// </summary>
public static class ExportMetadata
{
    public const string ClassNamesKey = "class_names";
    public const string NormalizationKey = "input_normalization";
    public const string SourceCheckpointKey = "source_checkpoint_sha256";
    public const string RecipeKey = "training_recipe";

    /// <summary>The producer version: this assembly's informational version.</summary>
    public static string ProducerVersion =>
        typeof(ExportMetadata).Assembly.GetName().Version?.ToString() ?? "0.0";

    public static OnnxModelInfo Create(int opset, IReadOnlyList<string> classNames, float[] mean, float[] std,
        string? checkpointPath, string recipe) => new()
    {
        Opset = opset,
        ProducerName = "harness",
        ProducerVersion = ProducerVersion,
        DocString = "Exported by the harness: deployment graph (inference-mode layers, no dropout).",
        Metadata = new Dictionary<string, string>
        {
            [ClassNamesKey] = JsonSerializer.Serialize(classNames),
            [NormalizationKey] = JsonSerializer.Serialize(new { formula = "(pixel/255 - mean[c]) / std[c]", mean, std }),
            [SourceCheckpointKey] = checkpointPath is null ? "" : Sha256(checkpointPath),
            [RecipeKey] = recipe,
        },
    };

    private static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
