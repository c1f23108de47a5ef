using DataType = Harness.Export.Onnx.Proto.TensorProto.Types.DataType;

namespace Harness.Export.Onnx;

/// <summary>Element-wise arithmetic and comparisons with numpy broadcasting, and unary math.</summary>
public sealed partial class OnnxGraphBuilder
{
    /// <summary><c>Add</c>: a + b, broadcast.</summary>
    /// <returns>The output value name.</returns>
    /// <exception cref="ArgumentException">The shapes cannot be broadcast together, or the element types differ.</exception>
    public string Add(string a, string b, string? name = null, string? output = null) =>
        Binary("Add", a, b, name, output);

    /// <summary><c>Sub</c>: a − b, broadcast.</summary>
    /// <returns>The output value name.</returns>
    /// <exception cref="ArgumentException">The shapes cannot be broadcast together, or the element types differ.</exception>
    public string Sub(string a, string b, string? name = null, string? output = null) =>
        Binary("Sub", a, b, name, output);

    /// <summary><c>Mul</c>: a · b, broadcast.</summary>
    /// <returns>The output value name.</returns>
    /// <exception cref="ArgumentException">The shapes cannot be broadcast together, or the element types differ.</exception>
    public string Mul(string a, string b, string? name = null, string? output = null) =>
        Binary("Mul", a, b, name, output);

    /// <summary><c>Div</c>: a / b, broadcast.</summary>
    /// <returns>The output value name.</returns>
    /// <exception cref="ArgumentException">The shapes cannot be broadcast together, or the element types differ.</exception>
    public string Div(string a, string b, string? name = null, string? output = null) =>
        Binary("Div", a, b, name, output);

    /// <summary><c>Pow</c>: a ^ b, broadcast.</summary>
    /// <returns>The output value name.</returns>
    /// <exception cref="ArgumentException">The shapes cannot be broadcast together, or the element types differ.</exception>
    public string Pow(string a, string b, string? name = null, string? output = null) =>
        Binary("Pow", a, b, name, output);

    /// <summary><c>Less</c>: a &lt; b, broadcast; a BOOL tensor.</summary>
    /// <returns>The output value name.</returns>
    /// <exception cref="ArgumentException">The shapes cannot be broadcast together, or the element types differ.</exception>
    public string Less(string a, string b, string? name = null, string? output = null) =>
        Binary("Less", a, b, name, output, DataType.Bool);

    /// <summary><c>GreaterOrEqual</c> (opset ≥ 12): a ≥ b, broadcast; a BOOL tensor.</summary>
    /// <returns>The output value name.</returns>
    /// <exception cref="ArgumentException">The shapes cannot be broadcast together, or the element types differ.</exception>
    public string GreaterOrEqual(string a, string b, string? name = null, string? output = null) =>
        Binary("GreaterOrEqual", a, b, name, output, DataType.Bool);

    /// <summary><c>Sqrt</c>: √x.</summary>
    /// <returns>The output value name.</returns>
    public string Sqrt(string input, string? name = null, string? output = null) =>
        SameShape("Sqrt", input, name, output);

    /// <summary><c>Reciprocal</c>: 1 / x.</summary>
    /// <returns>The output value name.</returns>
    public string Reciprocal(string input, string? name = null, string? output = null) =>
        SameShape("Reciprocal", input, name, output);

    /// <summary>Adds a FLOAT scalar (shape []) initializer named after <paramref name="hint"/> (made unique).</summary>
    /// <returns>The initializer name.</returns>
    /// <exception cref="ArgumentException">The value is not finite.</exception>
    public string AddScalar(string hint, float value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(hint);
        ArgumentChecks.That(float.IsFinite(value), nameof(value), $"Scalar '{hint}' must be finite, got {value}.");
        return AddInitializer(_valueNames.Suggest(hint), [value], []);
    }

    private string Binary(string op, string a, string b, string? name, string? output, DataType? resultType = null)
    {
        var left = Lookup(a, nameof(a));
        var right = Lookup(b, nameof(b));
        ArgumentChecks.That(left.ElemType is null || right.ElemType is null || left.ElemType == right.ElemType,
            nameof(b), $"{op}: '{a}' is {left.ElemType} but '{b}' is {right.ElemType}; Cast one first.");
        var outShape = ShapeMath.Broadcast(left.Shape, right.Shape, op);
        var slot = StartNode(op, name, output);
        var type = resultType ?? left.ElemType ?? right.ElemType;
        FinishNodeWithOutputs(slot, [a, b], [(slot.Output, new TrackedValue(type, outShape))], []);
        return slot.Output;
    }
}
