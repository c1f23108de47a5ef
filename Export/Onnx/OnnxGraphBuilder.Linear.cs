namespace Harness.Export.Onnx;

/// <summary>Fully connected layers: Gemm and MatMul.</summary>
public sealed partial class OnnxGraphBuilder
{
    /// <summary>
    /// A Linear layer as <c>Gemm(X, W, b)</c> with <c>transB = 1</c>: <c>Y = X · Wᵀ + b</c>, X of shape
    /// [N, in], W stored as [out, in] (PyTorch's layout, row-major), optional bias [out]. Output [N, out].
    /// </summary>
    /// <param name="input">The input value, rank 2.</param>
    /// <param name="weight">out·in weights, row-major [out, in].</param>
    /// <param name="outFeatures">Number of output features.</param>
    /// <param name="inFeatures">Number of input features.</param>
    /// <param name="bias">Optional bias of length <paramref name="outFeatures"/>.</param>
    /// <param name="name">Node name (also the prefix of its initializers: <c>name.weight</c>, <c>name.bias</c>).</param>
    /// <param name="output">Output value name; generated when null.</param>
    /// <returns>The output value name.</returns>
    /// <exception cref="ArgumentException">Sizes do not match each other or the input's shape.</exception>
    public string Gemm(
        string input, float[] weight, int outFeatures, int inFeatures, float[]? bias = null,
        string? name = null, string? output = null)
    {
        const string op = "Gemm";
        ArgumentNullException.ThrowIfNull(weight);
        var shape = Lookup(input, nameof(input)).Shape;
        ArgumentChecks.That(outFeatures > 0 && inFeatures > 0, nameof(outFeatures),
            $"{op}: feature counts must be positive, got out={outFeatures}, in={inFeatures}.");
        ArgumentChecks.That(weight.Length == (long)outFeatures * inFeatures, nameof(weight),
            $"{op}: weight has {weight.Length} values but [out={outFeatures}, in={inFeatures}] needs " +
            $"{(long)outFeatures * inFeatures}.");
        ArgumentChecks.That(bias is null || bias.Length == outFeatures, nameof(bias),
            $"{op}: bias has {bias?.Length} values but out={outFeatures}.");
        if (shape is not null)
        {
            ArgumentChecks.That(shape.Length == 2, nameof(input),
                $"{op}: input '{input}' has shape {ShapeText.Of(shape)}; Gemm needs rank 2 (Flatten first).");
            ArgumentChecks.That(!shape[1].IsFixed || shape[1].Value == inFeatures, nameof(input),
                $"{op}: input '{input}' has shape {ShapeText.Of(shape)} but the layer expects {inFeatures} features.");
        }

        var slot = StartNode(op, name, output);
        var inputs = new List<string> { input, Parameter(slot, "weight", weight, [outFeatures, inFeatures]) };
        if (bias is not null)
        {
            inputs.Add(Parameter(slot, "bias", bias, [outFeatures]));
        }

        OnnxDim[]? outShape = shape is null ? null : [shape[0], outFeatures];
        return FinishNode(slot, inputs, outShape, OnnxAttributes.Int("transB", 1));
    }

    /// <summary>
    /// <c>MatMul(A, B)</c> with numpy semantics (batched, broadcast leading dims; rank-1 operands are promoted).
    /// </summary>
    /// <returns>The output value name.</returns>
    /// <exception cref="ArgumentException">The inner dimensions differ or the batch dims do not broadcast.</exception>
    public string MatMul(string a, string b, string? name = null, string? output = null)
    {
        const string op = "MatMul";
        var shapeA = Lookup(a, nameof(a)).Shape;
        var shapeB = Lookup(b, nameof(b)).Shape;
        var outShape = MatMulShape(shapeA, shapeB, op);
        var slot = StartNode(op, name, output);
        return FinishNode(slot, [a, b], outShape);
    }

    private static OnnxDim[]? MatMulShape(OnnxDim[]? a, OnnxDim[]? b, string op)
    {
        if (a is null || b is null)
        {
            return null;
        }

        ArgumentChecks.That(a.Length > 0 && b.Length > 0, nameof(a), $"{op}: operands must not be scalars.");
        var left = a.Length == 1 ? [OnnxDim.Fixed(1), a[0]] : a;
        var right = b.Length == 1 ? [b[0], OnnxDim.Fixed(1)] : b;
        var inner = (left[^1], right[^2]);
        ArgumentChecks.That(!(inner.Item1.IsFixed && inner.Item2.IsFixed) || inner.Item1 == inner.Item2, nameof(b),
            $"{op}: inner dimensions differ: {ShapeText.Of(a)} · {ShapeText.Of(b)}.");
        var batch = ShapeMath.Broadcast(left[..^2], right[..^2], op)!;
        var rows = a.Length == 1 ? Array.Empty<OnnxDim>() : [left[^2]];
        var cols = b.Length == 1 ? Array.Empty<OnnxDim>() : [right[^1]];
        return [.. batch, .. rows, .. cols];
    }
}
