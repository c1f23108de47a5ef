using Harness.Export.Onnx;
using DataType = Harness.Export.Onnx.Proto.TensorProto.Types.DataType;

namespace Harness.Export.Exporting;

/// <summary>
/// Inverted dropout built from ordinary operators, so that ONNX Runtime keeps sampling at inference:
/// u = RandomUniformLike(shape source) ∈ [0, 1); keep = Less(u, 1 − p) (true with probability 1 − p);
/// y = x · Cast(keep, float) · 1/(1 − p). A Dropout node would not do: ORT's EliminateDropout deletes Dropout
/// (opset ≤ 13) whose mask output is unused, whatever training_mode says.
/// </summary>
internal static class McMasks
{
    /// <summary>
    /// x times a mask shaped like <paramref name="shapeSource"/> (broadcast over x: pass x itself for an
    /// element-wise mask, a [N, C, 1, 1] reduction of x for channel dropout, a [N, 1, 1, 1] one for DropPath).
    /// </summary>
    public static string Apply(EmitContext context, string x, string shapeSource, double p, string node)
    {
        var graph = context.Graph;
        var uniform = graph.RandomUniformLike(shapeSource, 0, 1, name: $"{node}.uniform");
        var keep = graph.Less(uniform, graph.AddScalar($"{node}.keep_probability", (float)(1 - p)), $"{node}.keep");
        var mask = graph.Cast(keep, DataType.Float, $"{node}.mask");
        var scaled = graph.Mul(mask, graph.AddScalar($"{node}.scale", (float)(1 / (1 - p))), $"{node}.scaled_mask");
        return graph.Mul(x, scaled, node);
    }
}
