using DataType = Harness.Export.Onnx.Proto.TensorProto.Types.DataType;

namespace Harness.Export.Onnx;

/// <summary>What the graph builder knows about a value: its element type and shape, each possibly unknown.</summary>
internal sealed record TrackedValue(DataType? ElemType, OnnxDim[]? Shape)
{
    /// <summary>Nothing known (outputs of nodes added through the generic AddNode).</summary>
    public static TrackedValue Unknown { get; } = new(null, null);

    /// <summary>A FLOAT value of the given shape.</summary>
    public static TrackedValue Float(OnnxDim[]? shape) => new(DataType.Float, shape);
}
