using Harness.Export.Exporting;
using Harness.Export.Onnx;
using Harness.Infer.Ort;
using Harness.Sim;
using Harness.Tests.Infer.Uncertainty;

namespace Harness.Tests.Infer.Play;

/// <summary>
/// Tiny Sim policies (116 → 16 → 5, seeded weights, <see cref="McTestGraphs"/>) with the export stage's per-feature
/// metadata (identity standardization): a deployment graph and its MC-dropout twin (p = 0.5).
/// </summary>
internal static class PlayTestModels
{
    public const int Hidden = 16;

    public static byte[] Policy(bool mc) =>
        McTestGraphs.Mlp(Observation.Size, Hidden, AgentActions.Count, mc, dropout: 0.5f, seed: 3, info: Info(mc));

    public static OrtSession Session(bool mc) => OrtSession.FromBytes(Policy(mc), description: mc ? "tiny mc policy" : "tiny policy");

    /// <summary>Writes model.onnx and model.mc.onnx into <paramref name="folder"/>.</summary>
    public static void WriteRunFolder(string folder)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllBytes(Path.Combine(folder, "model.onnx"), Policy(mc: false));
        File.WriteAllBytes(Path.Combine(folder, "model.mc.onnx"), Policy(mc: true));
    }

    private static OnnxModelInfo Info(bool mc) => ExportMetadata.Create(OnnxVersions.DefaultOpset, new ExportSources
    {
        ClassNames = AgentActions.Names,
        NormalizationFormula = ExportSources.FeatureFormula,
        NormalizationMean = new float[Observation.Size],
        NormalizationStd = Enumerable.Repeat(1f, Observation.Size).ToArray(),
        RecipeSummary = "test",
    }, GraphExportSettings.Default, mc ? [] : null);
}
