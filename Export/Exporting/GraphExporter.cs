using Harness.Export.Onnx;
using Harness.Export.Onnx.Proto;
using Harness.Train.Modules;

namespace Harness.Export.Exporting;

/// <summary>The shared frame of both graphs: input with a symbolic batch, the layers, output "logits".</summary>
internal static class GraphExporter
{
    public static (ModelProto Model, IReadOnlyList<McDropoutSite> Sites) Build(Module model,
        IReadOnlyList<long> sampleShape, OnnxModelInfo info, GraphExportSettings settings, bool monteCarlo)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(sampleShape);
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(settings);
        if (sampleShape.Count == 0 || sampleShape.Any(d => d < 1))
        {
            throw new ArgumentException(
                $"The sample shape [{string.Join(", ", sampleShape)}] needs at least one dimension, each >= 1.", nameof(sampleShape));
        }

        var graph = monteCarlo
            ? new OnnxGraphBuilder("harness_mc_dropout",
                "MC-dropout graph: dropout samples with its trained rate (inverted scaling), normalization on running statistics.",
                info.Opset)
            : new OnnxGraphBuilder("harness_deployment",
                "Deployment graph: inference-mode layers, no dropout.", info.Opset);
        var context = new EmitContext(graph, settings, monteCarlo);
        List<OnnxDim> inputShape = [OnnxDim.Symbolic(DeploymentExporter.BatchDim), .. sampleShape.Select(d => OnnxDim.Fixed(d))];
        var x = graph.AddInput(DeploymentExporter.InputName, inputShape);
        var y = LayerEmitter.Emit(context, model, x, "");
        y = graph.Identity(y, "output", DeploymentExporter.OutputName);
        graph.AddOutput(y);
        return (OnnxModelWriter.CreateModel(graph.Build(), info), context.Sites);
    }
}
