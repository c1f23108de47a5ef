namespace Harness.Export.Onnx;

/// <summary>Reductions.</summary>
public sealed partial class OnnxGraphBuilder
{
    /// <summary>
    /// <c>ReduceMean</c> over <paramref name="axes"/>: below opset 18 the axes are an attribute, from 18 on an
    /// INT64 input (the builder writes the form of its <see cref="Opset"/>).
    /// </summary>
    /// <param name="input">The input value.</param>
    /// <param name="axes">Axes to average over, each in [−rank, rank), none twice; not empty.</param>
    /// <param name="keepDims">Keep reduced axes as size 1 (ONNX's default) or drop them.</param>
    /// <param name="name">Node name and prefix of its initializers.</param>
    /// <param name="output">Output value name; generated when null.</param>
    /// <returns>The output value name.</returns>
    /// <exception cref="ArgumentException">An axis is out of range or repeated, or none is given.</exception>
    public string ReduceMean(
        string input, IReadOnlyList<long> axes, bool keepDims = true, string? name = null, string? output = null)
    {
        const string op = "ReduceMean";
        ArgumentNullException.ThrowIfNull(axes);
        var shape = Lookup(input, nameof(input)).Shape;
        ArgumentChecks.That(axes.Count > 0, nameof(axes), $"{op}: give at least one axis.");
        OnnxDim[]? outShape = null;
        if (shape is not null)
        {
            var normalized = axes.Select(a => ShapeMath.NormalizeAxis(a, shape.Length, nameof(axes), op)).ToArray();
            ArgumentChecks.That(normalized.Distinct().Count() == normalized.Length, nameof(axes),
                $"{op}: axes {ShapeText.Of(axes)} name an axis twice.");
            outShape = keepDims
                ? shape.Select((d, i) => normalized.Contains(i) ? OnnxDim.Fixed(1) : d).ToArray()
                : shape.Where((_, i) => !normalized.Contains(i)).ToArray();
        }

        var slot = StartNode(op, name, output);
        var keep = OnnxAttributes.Int("keepdims", keepDims ? 1 : 0);
        if (Opset < 18)
        {
            return FinishNode(slot, [input], outShape, keep, OnnxAttributes.Ints("axes", axes));
        }

        var axesInput = AddInt64Initializer(_valueNames.Suggest($"{slot.NodeName}.axes"), axes.ToArray(), [axes.Count]);
        return FinishNode(slot, [input, axesInput], outShape, keep);
    }
}
