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
    /// <c>Gemm(X, W, b)</c> with <c>transB = 1</c> over existing values: the weight [out, in] (and the optional
    /// bias [out]) are computed in the graph, for example a weight multiplied by a DropConnect mask.
    /// </summary>
    /// <param name="input">The input value, rank 2.</param>
    /// <param name="weight">A FLOAT value of shape [out, in].</param>
    /// <param name="bias">Optional FLOAT value of shape [out].</param>
    /// <param name="name">Node name.</param>
    /// <param name="output">Output value name; generated when null.</param>
    /// <returns>The output value name.</returns>
    /// <exception cref="ArgumentException">A value is missing, or the shapes do not fit each other.</exception>
    public string Gemm(string input, string weight, string? bias, string? name = null, string? output = null)
    {
        const string op = "Gemm";
        var shape = Lookup(input, nameof(input)).Shape;
        var weightShape = Lookup(weight, nameof(weight)).Shape;
        var biasShape = bias is null ? null : Lookup(bias, nameof(bias)).Shape;
        ArgumentChecks.That(weightShape is null || weightShape.Length == 2, nameof(weight),
            $"{op}: weight '{weight}' has shape {ShapeText.Of(weightShape ?? [])}; it needs [out, in].");
        ArgumentChecks.That(shape is null || shape.Length == 2, nameof(input),
            $"{op}: input '{input}' has shape {ShapeText.Of(shape ?? [])}; Gemm needs rank 2 (Flatten first).");
        if (shape is not null && weightShape is not null)
        {
            ArgumentChecks.That(!shape[1].IsFixed || !weightShape[1].IsFixed || shape[1] == weightShape[1],
                nameof(input),
                $"{op}: input '{input}' has shape {ShapeText.Of(shape)} but weight '{weight}' is {ShapeText.Of(weightShape)}.");
        }

        if (biasShape is not null && weightShape is not null)
        {
            ArgumentChecks.That(biasShape.Length == 1 && (!biasShape[0].IsFixed || !weightShape[0].IsFixed ||
                                                          biasShape[0] == weightShape[0]),
                nameof(bias), $"{op}: bias '{bias}' has shape {ShapeText.Of(biasShape)} but weight '{weight}' is " +
                              $"{ShapeText.Of(weightShape)}.");
        }

        var slot = StartNode(op, name, output);
        string[] inputs = bias is null ? [input, weight] : [input, weight, bias];
        OnnxDim[]? outShape = shape is null || weightShape is null ? null : [shape[0], weightShape[0]];
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
