using Harness.Export.Onnx;

namespace Harness.Export.Exporting;

/// <summary>What every layer emitter shares while one graph is built.</summary>
internal sealed class EmitContext
{
    public EmitContext(OnnxGraphBuilder graph, GraphExportSettings settings, bool monteCarlo)
    {
        Graph = graph;
        Settings = settings;
        MonteCarlo = monteCarlo;
    }

    public OnnxGraphBuilder Graph { get; }

    public GraphExportSettings Settings { get; }

    /// <summary>True while building the MC-dropout graph, false for the deployment graph.</summary>
    public bool MonteCarlo { get; }

    /// <summary>The masks sampled so far (MC graph only).</summary>
    public List<McDropoutSite> Sites { get; } = new();

    public int Opset => Graph.Opset;

    /// <summary>Whether a dropout of <paramref name="kind"/> with rate <paramref name="p"/> samples in this graph.</summary>
    public bool Samples(DropoutKinds kind, double p) => MonteCarlo && p > 0 && Settings.McSampling.HasFlag(kind);

    /// <summary>The state name of a child: "a.b" under "a", "b" at the root.</summary>
    public static string Child(string prefix, string name) => prefix.Length == 0 ? name : $"{prefix}.{name}";

    /// <summary>The node name of a layer: its state name, or <paramref name="fallback"/> for the root module.</summary>
    public static string NodeName(string name, string fallback) => name.Length == 0 ? fallback : name;

    /// <summary>The shape the graph tracks for a value; throws when it is unknown (our inputs always have one).</summary>
    public OnnxDim[] ShapeOf(string value, string layer) =>
        Graph.ShapeOf(value)?.ToArray() ?? throw new NotSupportedException(
            $"Layer '{layer}': the shape of its input '{value}' is unknown, so it cannot be exported.");

    /// <summary>A "layer X (Type) cannot be exported …" error.</summary>
    public static NotSupportedException Unsupported(string layer, object module, string why) =>
        new($"Layer '{NodeName(layer, "<root>")}' ({module.GetType().Name}) cannot be exported: {why}");
}
