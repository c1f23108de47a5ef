using Harness.Export.Onnx.Proto;

namespace Harness.Export.Onnx;

/// <summary>Element-wise activations and (log-)softmax; the output has the input's shape.</summary>
public sealed partial class OnnxGraphBuilder
{
    /// <summary><c>Relu</c>: max(x, 0).</summary>
    /// <returns>The output value name.</returns>
    public string Relu(string input, string? name = null, string? output = null) =>
        SameShape("Relu", input, name, output);

    /// <summary><c>Sigmoid</c>: 1 / (1 + e^−x).</summary>
    /// <returns>The output value name.</returns>
    public string Sigmoid(string input, string? name = null, string? output = null) =>
        SameShape("Sigmoid", input, name, output);

    /// <summary><c>Tanh</c>.</summary>
    /// <returns>The output value name.</returns>
    public string Tanh(string input, string? name = null, string? output = null) =>
        SameShape("Tanh", input, name, output);

    /// <summary><c>Softmax</c> along one axis (opset ≥ 13 semantics; default the last axis).</summary>
    /// <returns>The output value name.</returns>
    /// <exception cref="ArgumentException">The axis is out of range for the input's rank.</exception>
    public string Softmax(string input, long axis = -1, string? name = null, string? output = null) =>
        AlongAxis("Softmax", input, axis, name, output);

    /// <summary><c>LogSoftmax</c> along one axis (opset ≥ 13 semantics; default the last axis).</summary>
    /// <returns>The output value name.</returns>
    /// <exception cref="ArgumentException">The axis is out of range for the input's rank.</exception>
    public string LogSoftmax(string input, long axis = -1, string? name = null, string? output = null) =>
        AlongAxis("LogSoftmax", input, axis, name, output);

    private string AlongAxis(string op, string input, long axis, string? name, string? output)
    {
        if (Lookup(input, nameof(input)).Shape is { } shape)
        {
            ShapeMath.NormalizeAxis(axis, shape.Length, nameof(axis), op);
        }

        return SameShape(op, input, name, output, OnnxAttributes.Int("axis", axis));
    }

    private string SameShape(
        string op, string input, string? name, string? output, params IEnumerable<AttributeProto> attributes)
    {
        var shape = Lookup(input, nameof(input)).Shape;
        var slot = StartNode(op, name, output);
        return FinishNode(slot, [input], shape, attributes);
    }
}
