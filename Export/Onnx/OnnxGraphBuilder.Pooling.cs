using Harness.Export.Onnx.Proto;

namespace Harness.Export.Onnx;

/// <summary>Pooling: MaxPool, AveragePool (floor mode) and GlobalAveragePool.</summary>
public sealed partial class OnnxGraphBuilder
{
    /// <summary><c>MaxPool</c> over [N, C, spatial...]; strides default to ONNX's 1 (PyTorch's default is the
    /// kernel size: pass it explicitly), pads to 0.</summary>
    /// <returns>The output value name (the optional Indices output is not produced).</returns>
    /// <exception cref="ArgumentException">Kernel, strides or pads do not fit each other or the input.</exception>
    public string MaxPool(
        string input, IReadOnlyList<long> kernelShape, IReadOnlyList<long>? strides = null,
        IReadOnlyList<long>? pads = null, string? name = null, string? output = null) =>
        Pool("MaxPool", input, kernelShape, strides, pads, [], name, output);

    /// <summary><c>AveragePool</c> over [N, C, spatial...]; strides default to 1, pads to 0.
    /// <paramref name="countIncludePad"/> counts padding in the divisor (PyTorch's AvgPool default is true,
    /// ONNX's is false).</summary>
    /// <returns>The output value name.</returns>
    /// <exception cref="ArgumentException">Kernel, strides or pads do not fit each other or the input.</exception>
    public string AveragePool(
        string input, IReadOnlyList<long> kernelShape, IReadOnlyList<long>? strides = null,
        IReadOnlyList<long>? pads = null, bool countIncludePad = false, string? name = null, string? output = null) =>
        Pool("AveragePool", input, kernelShape, strides, pads,
            [OnnxAttributes.Int("count_include_pad", countIncludePad ? 1 : 0)], name, output);

    /// <summary><c>GlobalAveragePool</c>: [N, C, spatial...] → [N, C, 1, ..., 1].</summary>
    /// <returns>The output value name.</returns>
    /// <exception cref="ArgumentException">The input has rank below 3.</exception>
    public string GlobalAveragePool(string input, string? name = null, string? output = null)
    {
        const string op = "GlobalAveragePool";
        var shape = Lookup(input, nameof(input)).Shape;
        ArgumentChecks.That(shape is null || shape.Length >= 3, nameof(input),
            $"{op}: input '{input}' has shape {ShapeText.Of(shape ?? [])}; it needs [N, C, spatial...].");
        OnnxDim[]? outShape = shape is null
            ? null
            : [shape[0], shape[1], .. Enumerable.Repeat(OnnxDim.Fixed(1), shape.Length - 2)];
        var slot = StartNode(op, name, output);
        return FinishNode(slot, [input], outShape);
    }

    private string Pool(
        string op, string input, IReadOnlyList<long> kernelShape, IReadOnlyList<long>? strides,
        IReadOnlyList<long>? pads, AttributeProto[] extra, string? name, string? output)
    {
        ArgumentNullException.ThrowIfNull(kernelShape);
        var shape = Lookup(input, nameof(input)).Shape;
        var spatial = kernelShape.Count;
        ArgumentChecks.That(spatial > 0 && kernelShape.All(k => k > 0), nameof(kernelShape),
            $"{op}: kernelShape must be a non-empty list of positive sizes, got {ShapeText.Of(kernelShape)}.");
        var stride = ArgumentChecks.PerAxis(strides, spatial, 1, nameof(strides), op);
        var pad = ArgumentChecks.Pads(pads, spatial, op);
        ArgumentChecks.That(pad.Select((p, i) => p < kernelShape[i % spatial]).All(ok => ok), nameof(pads),
            $"{op}: each pad must be smaller than the kernel along its axis, got pads {ShapeText.Of(pad)} for " +
            $"kernel {ShapeText.Of(kernelShape)}.");
        OnnxDim[]? outShape = null;
        if (shape is not null)
        {
            ArgumentChecks.That(shape.Length == spatial + 2, nameof(input),
                $"{op}: input '{input}' has shape {ShapeText.Of(shape)} but the kernel has {spatial} spatial axes.");
            outShape =
            [
                shape[0], shape[1],
                .. Enumerable.Range(0, spatial).Select(i =>
                    ShapeMath.Sliding(shape[i + 2], kernelShape[i], stride[i], pad[i], pad[i + spatial], 1, op)),
            ];
        }

        var slot = StartNode(op, name, output);
        return FinishNode(slot, [input], outShape,
            [OnnxAttributes.Ints("kernel_shape", kernelShape), OnnxAttributes.Ints("strides", stride),
             OnnxAttributes.Ints("pads", pad), .. extra]);
    }
}
