namespace Harness.Export.Onnx;

/// <summary>Convolution (N-d, grouped).</summary>
public sealed partial class OnnxGraphBuilder
{
    /// <summary>
    /// <c>Conv</c> with weight [M, C/group, k1, ..., kn] (PyTorch's layout) and optional bias [M]; input
    /// [N, C, d1, ..., dn]. Strides, pads and dilations default to ONNX's (1, 0, 1) and are always written,
    /// with kernel_shape and group.
    /// </summary>
    /// <param name="input">The input value, [N, C, spatial...].</param>
    /// <param name="weight">Weights, row-major of <paramref name="weightShape"/>.</param>
    /// <param name="weightShape">[M, C/group, k1, ..., kn], n ≥ 1.</param>
    /// <param name="bias">Optional bias, length M.</param>
    /// <param name="strides">Per spatial axis, positive.</param>
    /// <param name="pads">[begin_1..begin_n, end_1..end_n], not negative.</param>
    /// <param name="dilations">Per spatial axis, positive.</param>
    /// <param name="group">Number of groups; divides M and C.</param>
    /// <param name="name">Node name and prefix of its initializers.</param>
    /// <param name="output">Output value name; generated when null.</param>
    /// <returns>The output value name.</returns>
    /// <exception cref="ArgumentException">Sizes do not match each other or the input's shape.</exception>
    public string Conv(
        string input, float[] weight, IReadOnlyList<long> weightShape, float[]? bias = null,
        IReadOnlyList<long>? strides = null, IReadOnlyList<long>? pads = null, IReadOnlyList<long>? dilations = null,
        long group = 1, string? name = null, string? output = null)
    {
        const string op = "Conv";
        ArgumentNullException.ThrowIfNull(weight);
        ArgumentNullException.ThrowIfNull(weightShape);
        var shape = Lookup(input, nameof(input)).Shape;
        ArgumentChecks.That(weightShape.Count >= 3 && weightShape.All(d => d > 0), nameof(weightShape),
            $"{op}: weightShape must be [M, C/group, k1, ...] with positive sizes, got {ShapeText.Of(weightShape)}.");
        ArgumentChecks.That(weight.Length == OnnxTensors.ElementCount(weightShape), nameof(weight),
            $"{op}: weight has {weight.Length} values but shape {ShapeText.Of(weightShape)} needs " +
            $"{OnnxTensors.ElementCount(weightShape)}.");
        var featureMaps = weightShape[0];
        var spatial = weightShape.Count - 2;
        ArgumentChecks.That(group > 0 && featureMaps % group == 0, nameof(group),
            $"{op}: group {group} must be positive and divide the {featureMaps} output channels.");
        ArgumentChecks.That(bias is null || bias.Length == featureMaps, nameof(bias),
            $"{op}: bias has {bias?.Length} values but there are {featureMaps} output channels.");
        var kernel = weightShape.Skip(2).ToArray();
        var stride = ArgumentChecks.PerAxis(strides, spatial, 1, nameof(strides), op);
        var pad = ArgumentChecks.Pads(pads, spatial, op);
        var dilation = ArgumentChecks.PerAxis(dilations, spatial, 1, nameof(dilations), op);
        OnnxDim[]? outShape = null;
        if (shape is not null)
        {
            var channels = weightShape[1] * group;
            ArgumentChecks.That(shape.Length == spatial + 2, nameof(input),
                $"{op}: input '{input}' has shape {ShapeText.Of(shape)} but the kernel has {spatial} spatial axes.");
            ArgumentChecks.That(!shape[1].IsFixed || shape[1].Value == channels, nameof(input),
                $"{op}: input '{input}' has shape {ShapeText.Of(shape)} but the weights expect {channels} channels.");
            outShape =
            [
                shape[0], featureMaps,
                .. Enumerable.Range(0, spatial).Select(i =>
                    ShapeMath.Sliding(shape[i + 2], kernel[i], stride[i], pad[i], pad[i + spatial], dilation[i], op)),
            ];
        }

        var slot = StartNode(op, name, output);
        var inputs = new List<string> { input, Parameter(slot, "weight", weight, weightShape) };
        if (bias is not null)
        {
            inputs.Add(Parameter(slot, "bias", bias, [featureMaps]));
        }

        return FinishNode(slot, inputs, outShape,
            OnnxAttributes.Ints("kernel_shape", kernel), OnnxAttributes.Ints("strides", stride),
            OnnxAttributes.Ints("pads", pad), OnnxAttributes.Ints("dilations", dilation),
            OnnxAttributes.Int("group", group));
    }
}
