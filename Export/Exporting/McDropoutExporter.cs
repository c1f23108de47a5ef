using Harness.Export.Onnx;
using Harness.Export.Onnx.Proto;
using Harness.Train.Modules;

namespace Harness.Export.Exporting;

/// <summary>
/// Writes the MC-dropout graph: the deployment graph, except that every dropout whose kind is in
/// <see cref="GraphExportSettings.McSampling"/> keeps sampling at inference with its trained rate and inverted
/// scaling. The masks are RandomUniformLike → Less → Cast → Mul (<see cref="McMasks"/>), not Dropout nodes, so
/// ONNX Runtime's default optimizations keep them; normalization stays on running statistics. Same input and
/// output names as the deployment graph.
/// </summary>
public static class McDropoutExporter
{
    /// <summary>Builds the MC graph and lists where it samples (empty when the model has no dropout of the
    /// chosen kinds with a rate above 0: the graph is then deterministic).</summary>
    /// <exception cref="NotSupportedException">A layer cannot be exported; the message names it.</exception>
    public static McDropoutGraph Export(Module model, IReadOnlyList<long> sampleShape, OnnxModelInfo info,
        GraphExportSettings? settings = null)
    {
        var (proto, sites) = GraphExporter.Build(model, sampleShape, info, settings ?? GraphExportSettings.Default, monteCarlo: true);
        return new McDropoutGraph(proto, sites);
    }

    /// <summary>
    /// The MC graph with its deterministic prefix shared by the passes (<see cref="McPrefixSharing"/>): inputs
    /// <c>input</c> [B, …] and <see cref="McPrefixSharing.PassesInputName"/> (float [1] holding T), output
    /// <c>logits</c> [B·T, K] with row j·B + i = pass j of sample i. Same samples as the plain graph fed the batch
    /// tiled T times; the layers before the first sampling site run on B rows instead of B·T.
    /// </summary>
    /// <exception cref="NotSupportedException">A layer cannot be exported; the message names it.</exception>
    public static McDropoutGraph ExportSharedPrefix(Module model, IReadOnlyList<long> sampleShape, OnnxModelInfo info,
        GraphExportSettings? settings = null)
    {
        var plain = Export(model, sampleShape, info, settings);
        return plain with { Model = McPrefixSharing.Apply(plain.Model) };
    }
}

/// <summary>An MC-dropout model and the places where it samples.</summary>
public sealed record McDropoutGraph(ModelProto Model, IReadOnlyList<McDropoutSite> Sites);
