using Harness.Export.Onnx;
using Harness.Export.Onnx.Proto;
using Harness.Train.Modules;

namespace Harness.Export.Exporting;

/// <summary>
/// Writes the deterministic deployment graph of a trained module: every layer in inference form (normalization on
/// its running statistics, BatchNorm folded into the Conv/Gemm before it by default), every dropout variant
/// removed. Input <c>input</c> [batch, …sample shape] with a symbolic batch, output <c>logits</c>.
/// </summary>
public static class DeploymentExporter
{
    public const string InputName = "input";
    public const string OutputName = "logits";
    public const string BatchDim = "batch";

    /// <summary>Builds the ONNX model of <paramref name="model"/> for inputs of shape [batch, ..sampleShape] at
    /// <paramref name="info"/>'s opset.</summary>
    /// <exception cref="NotSupportedException">A layer cannot be exported (unknown type, or not at this opset
    /// with these settings); the message names it.</exception>
    public static ModelProto Export(Module model, IReadOnlyList<long> sampleShape, OnnxModelInfo info,
        GraphExportSettings? settings = null) =>
        GraphExporter.Build(model, sampleShape, info, settings ?? GraphExportSettings.Default, monteCarlo: false).Model;
}
