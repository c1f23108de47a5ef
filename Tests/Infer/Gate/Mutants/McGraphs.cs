using Harness.Export.Onnx;
using Harness.Export.Onnx.Proto;

namespace Harness.Tests.Infer.Gate.Mutants;

/// <summary>
/// Test-side MC-dropout graphs: a deployment graph with sampled inverted dropout inserted at every
/// <see cref="GraphEdit.DropoutSites"/> site, in the form ONNX Runtime cannot optimize away:
/// <c>mask = Cast(Greater(RandomUniformLike(x), p)) · 1/(1 − p); y = x · mask</c>.
/// </summary>
internal static class McGraphs
{
    /// <summary>Op types of the sampling ops a mask is built from.</summary>
    public static readonly IReadOnlySet<string> Sampling = new HashSet<string>(StringComparer.Ordinal)
        { "RandomUniformLike", "RandomUniform", "RandomNormalLike", "RandomNormal", "Bernoulli" };

    /// <summary>The MC graph of <paramref name="deployment"/> with drop probability <paramref name="p"/>.</summary>
    public static ModelProto WithMcDropout(ModelProto deployment, float p)
    {
        var model = deployment.Clone();
        var graph = model.Graph;
        graph.Name += "_mc";
        foreach (var site in GraphEdit.DropoutSites(graph))
        {
            var x = site.Input[0];
            var prefix = $"{site.Name}.mc_dropout";
            string Fresh(string role) => GraphEdit.Fresh(graph, $"{prefix}.{role}");
            var ratio = GraphEdit.FloatScalar(graph, $"{prefix}.ratio", p);
            var scale = GraphEdit.FloatScalar(graph, $"{prefix}.scale", 1f / (1f - p));
            var (uniform, keep, keepFloat, mask, output) =
                (Fresh("uniform"), Fresh("keep"), Fresh("keep_float"), Fresh("mask"), Fresh("output"));
            GraphEdit.InsertBefore(graph, site,
                GraphEdit.Node("RandomUniformLike", [x], [uniform], Fresh("random"), OnnxAttributes.Int("dtype", 1)),
                GraphEdit.Node("Greater", [uniform, ratio], [keep], Fresh("greater")),
                GraphEdit.Node("Cast", [keep], [keepFloat], Fresh("cast"), OnnxAttributes.Int("to", 1)),
                GraphEdit.Node("Mul", [keepFloat, scale], [mask], Fresh("rescale")),
                GraphEdit.Node("Mul", [x, mask], [output], Fresh("apply")));
            site.Input[0] = output;
        }

        return model;
    }

    /// <summary>
    /// The nodes that apply a sampled mask: Mul nodes one of whose operands is a mask (see <see cref="IsMask"/>)
    /// and the other is not (the data).
    /// </summary>
    public static List<(NodeProto Node, int DataInput)> MaskApplications(GraphProto graph)
    {
        var found = new List<(NodeProto, int)>();
        foreach (var node in graph.Node.Where(n => n.OpType == "Mul" && n.Input.Count == 2))
        {
            var mask = node.Input.Select(i => IsMask(graph, i)).ToArray();
            if (mask[0] != mask[1])
            {
                found.Add((node, mask[0] ? 1 : 0));
            }
        }

        return found;
    }

    /// <summary>
    /// True when <paramref name="value"/> is computed from a sampling op through mask arithmetic only (comparisons,
    /// casts, products and quotients with constants): a mask, not data that merely lies downstream of a dropout.
    /// </summary>
    public static bool IsMask(GraphProto graph, string value)
    {
        if (GraphEdit.Producer(graph, value) is not { } node)
        {
            return false;
        }

        return Sampling.Contains(node.OpType) ||
               (MaskOps.Contains(node.OpType) && node.Input.Any(i => i.Length > 0 && IsMask(graph, i)));
    }

    private static readonly HashSet<string> MaskOps = new(StringComparer.Ordinal)
        { "Greater", "Less", "GreaterOrEqual", "LessOrEqual", "Not", "Cast", "Mul", "Div" };
}
