using Harness.Train.Modules;

namespace Harness.Export.Exporting;

/// <summary>
/// Dropout, Dropout2d and DropPath: nothing in the deployment graph (identity at inference); in the MC graph,
/// when their kind samples, an inverted mask with the trained rate (<see cref="McMasks"/>):
/// Dropout element-wise; Dropout2d one value per sample and channel ([N, C, 1, 1], the shape source a ReduceMean
/// over the spatial axes with keepdims) broadcast over H×W; DropPath one value per sample ([N, 1, 1, 1]).
/// </summary>
internal static class DropoutEmitter
{
    public static string Emit(EmitContext context, Module module, string input, string name)
    {
        var (kind, p) = module switch
        {
            Dropout d => (DropoutKinds.Dropout, d.P),
            Dropout2d d => (DropoutKinds.Dropout2d, d.P),
            DropPath d => (DropoutKinds.DropPath, d.P),
            _ => throw EmitContext.Unsupported(name, module, "it is not a dropout layer."),
        };
        if (!context.Samples(kind, p))
        {
            return input; // the identity: no node at all
        }

        var node = EmitContext.NodeName(name, kind.ToString().ToLowerInvariant());
        var rank = context.ShapeOf(input, node).Length;
        var firstReduced = kind switch
        {
            DropoutKinds.Dropout2d => 2, // keep N and C
            DropoutKinds.DropPath => 1,  // keep N
            _ => rank,                   // element-wise
        };
        var source = input;
        var maskShape = "like the input";
        if (firstReduced < rank)
        {
            var axes = Enumerable.Range(firstReduced, rank - firstReduced).Select(a => (long)a).ToArray();
            source = context.Graph.ReduceMean(input, axes, keepDims: true, name: $"{node}.mask_shape");
            maskShape = "[" + string.Join(", ", Enumerable.Range(0, rank).Select(a => a switch
            {
                0 => "N",
                1 when firstReduced == 2 => "C",
                _ => "1",
            })) + "]";
        }

        context.Sites.Add(new McDropoutSite(node, kind, p, maskShape));
        return McMasks.Apply(context, input, source, p, node);
    }
}
