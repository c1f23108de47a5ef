using System.Security.Cryptography;
using System.Text.Json;
using Harness.Export.Onnx;

namespace Harness.Export.Exporting;

/// <summary>
/// The metadata every exported model carries (ONNX metadata_props), so a deployed file says what it is:
/// class names, the input normalization it expects, which graph it is, where it came from and how it was
/// trained; the MC graph also lists its dropout rates and the kinds that sample. Producer name and version are
/// the model's producer_name / producer_version fields.
/// </summary>
public static class ExportMetadata
{
    public const string ProducerName = "harness";
    public const string ClassNamesKey = "class_names";
    public const string NormalizationKey = "input_normalization";
    public const string SourceCheckpointKey = "source_checkpoint_sha256";
    public const string RecipeKey = "training_recipe";

    /// <summary>"deployment" or "mc_dropout".</summary>
    public const string GraphKindKey = "graph_kind";

    /// <summary>Whether BatchNorm was folded into the preceding Conv/Gemm ("true"/"false").</summary>
    public const string BatchNormFoldedKey = "batchnorm_folded";

    /// <summary>MC graph: JSON list of {layer, kind, rate, mask} for every sampled mask.</summary>
    public const string McDropoutKey = "mc_dropout";

    /// <summary>MC graph: JSON list of the dropout kinds that sample (the McDropoutKinds setting).</summary>
    public const string McKindsKey = "mc_dropout_kinds";

    public const string DeploymentGraph = "deployment";
    public const string McDropoutGraph = "mc_dropout";

    /// <summary>The producer version: this assembly's version.</summary>
    public static string ProducerVersion =>
        typeof(ExportMetadata).Assembly.GetName().Version?.ToString() ?? "0.0";

    /// <summary>
    /// The model info of one graph. <paramref name="mc"/> null: the deployment graph; otherwise the MC graph with
    /// its sampled sites.
    /// </summary>
    public static OnnxModelInfo Create(int opset, ExportSources sources, GraphExportSettings settings,
        IReadOnlyList<McDropoutSite>? mc)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(settings);
        var metadata = new Dictionary<string, string>
        {
            [ClassNamesKey] = JsonSerializer.Serialize(sources.ClassNames),
            [NormalizationKey] = JsonSerializer.Serialize(new
            {
                formula = sources.NormalizationFormula, mean = sources.NormalizationMean, std = sources.NormalizationStd,
            }),
            [SourceCheckpointKey] = sources.CheckpointPath is null ? "" : Sha256(sources.CheckpointPath),
            [RecipeKey] = sources.RecipeSummary,
            [GraphKindKey] = mc is null ? DeploymentGraph : McDropoutGraph,
            [BatchNormFoldedKey] = settings.FoldBatchNorm ? "true" : "false",
        };
        if (mc is not null)
        {
            metadata[McDropoutKey] = JsonSerializer.Serialize(mc.Select(s => new
            {
                layer = s.Layer, kind = s.Kind.ToString(), rate = s.Rate, mask = s.MaskShape,
            }));
            metadata[McKindsKey] = JsonSerializer.Serialize(DropoutKindNames.Split(settings.McSampling));
        }

        return new OnnxModelInfo
        {
            Opset = opset,
            ProducerName = ProducerName,
            ProducerVersion = ProducerVersion,
            DocString = mc is null
                ? "Exported by the harness: deployment graph (inference-mode layers, no dropout)."
                : "Exported by the harness: MC-dropout graph (dropout samples at inference with the trained rates; " +
                  "normalization on running statistics). Run it T times and average for MC-dropout predictions.",
            Metadata = metadata,
        };
    }

    /// <summary>The lower-case hex SHA-256 of a file.</summary>
    public static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
