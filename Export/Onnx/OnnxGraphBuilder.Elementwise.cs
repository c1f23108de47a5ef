namespace Harness.Export.Onnx;

/// <summary>Binary element-wise arithmetic with numpy broadcasting.</summary>
public sealed partial class OnnxGraphBuilder
{
    /// <summary><c>Add</c>: a + b, broadcast.</summary>
    /// <returns>The output value name.</returns>
    /// <exception cref="ArgumentException">The shapes cannot be broadcast together.</exception>
    public string Add(string a, string b, string? name = null, string? output = null) =>
        Binary("Add", a, b, name, output);

    /// <summary><c>Mul</c>: a · b, broadcast.</summary>
    /// <returns>The output value name.</returns>
    /// <exception cref="ArgumentException">The shapes cannot be broadcast together.</exception>
    public string Mul(string a, string b, string? name = null, string? output = null) =>
        Binary("Mul", a, b, name, output);

    private string Binary(string op, string a, string b, string? name, string? output)
    {
        var outShape = ShapeMath.Broadcast(Lookup(a, nameof(a)).Shape, Lookup(b, nameof(b)).Shape, op);
        var slot = StartNode(op, name, output);
        return FinishNode(slot, [a, b], outShape);
    }
}
