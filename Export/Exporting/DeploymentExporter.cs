using Harness.Export.Onnx;
using Harness.Export.Onnx.Proto;
using Harness.Train.Modules;

namespace Harness.Export.Exporting;

/// <summary>
/// Writes the deterministic deployment graph of a trained module: every layer in inference form (BatchNorm on
/// its running statistics), dropout removed. Input <c>input</c> [batch, …sample shape], output <c>logits</c>.
/// </summary>
public static class DeploymentExporter
{
    public const string InputName = "input";
    public const string OutputName = "logits";
    public const string BatchDim = "batch";

    /// <summary>Builds the ONNX model of <paramref name="model"/> for inputs of shape [batch, ..sampleShape].</summary>
    public static ModelProto Export(Module model, IReadOnlyList<long> sampleShape, OnnxModelInfo info)
    {
        var graph = new OnnxGraphBuilder("harness_deployment", "Deployment graph: inference-mode layers, no dropout.");
        var inputShape = new List<OnnxDim> { OnnxDim.Symbolic(BatchDim) };
        inputShape.AddRange(sampleShape.Select(d => OnnxDim.Fixed(d)));
        var x = graph.AddInput(InputName, inputShape);
        var y = LayerEmitter.Emit(graph, model, x, "");
        y = graph.Identity(y, "output", OutputName);
        graph.AddOutput(y);
        return OnnxModelWriter.CreateModel(graph.Build(), info);
    }
}
