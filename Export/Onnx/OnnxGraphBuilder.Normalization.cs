using Harness.Export.Onnx.Proto;

namespace Harness.Export.Onnx;

/// <summary>Normalization layers in inference form: BatchNormalization, LayerNormalization, RMSNormalization.</summary>
public sealed partial class OnnxGraphBuilder
{
    /// <summary>
    /// Converts a PyTorch BatchNorm momentum (weight of the NEW batch statistic, default 0.1) to ONNX's
    /// (weight of the OLD running value, default 0.9): <c>1 − m</c>.
    /// </summary>
    public static float OnnxMomentumFromTorch(float torchMomentum) => 1f - torchMomentum;

    /// <summary>
    /// Inference-mode <c>BatchNormalization</c> over axis 1 (channels) with running statistics:
    /// <c>Y = (X − mean) / sqrt(var + epsilon) · scale + B</c>. training_mode is not written (default 0).
    /// </summary>
    /// <param name="input">The input value, shape [N, C, ...].</param>
    /// <param name="scale">Per-channel scale (gamma), length C.</param>
    /// <param name="bias">Per-channel shift (beta), length C.</param>
    /// <param name="mean">Running mean, length C.</param>
    /// <param name="variance">Running variance, length C, not negative.</param>
    /// <param name="epsilon">Added to the variance; positive.</param>
    /// <param name="onnxMomentum">Optional momentum attribute in ONNX's convention (weight of the old
    /// running value; see <see cref="OnnxMomentumFromTorch"/>). Inference ignores it; it documents training.</param>
    /// <param name="name">Node name and prefix of its initializers.</param>
    /// <param name="output">Output value name; generated when null.</param>
    /// <returns>The output value name.</returns>
    /// <exception cref="ArgumentException">Lengths differ, the channel count differs from the input's, or a
    /// number is out of range.</exception>
    public string BatchNormalization(
        string input, float[] scale, float[] bias, float[] mean, float[] variance,
        float epsilon = 1e-5f, float? onnxMomentum = null, string? name = null, string? output = null)
    {
        const string op = "BatchNormalization";
        ArgumentNullException.ThrowIfNull(scale);
        ArgumentNullException.ThrowIfNull(bias);
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(variance);
        var shape = Lookup(input, nameof(input)).Shape;
        var channels = scale.Length;
        ArgumentChecks.That(channels > 0, nameof(scale), $"{op}: scale must not be empty.");
        ArgumentChecks.That(bias.Length == channels && mean.Length == channels && variance.Length == channels,
            nameof(scale),
            $"{op}: scale, bias, mean and variance must have one value per channel; got lengths " +
            $"{scale.Length}, {bias.Length}, {mean.Length}, {variance.Length}.");
        ArgumentChecks.That(variance.All(v => v >= 0), nameof(variance), $"{op}: variance must not be negative.");
        ArgumentChecks.PositiveFinite(epsilon, nameof(epsilon), op);
        ArgumentChecks.That(onnxMomentum is null or >= 0 and <= 1, nameof(onnxMomentum),
            $"{op}: momentum must be in [0, 1], got {onnxMomentum}.");
        if (shape is not null)
        {
            ArgumentChecks.That(shape.Length >= 2, nameof(input),
                $"{op}: input '{input}' has shape {ShapeText.Of(shape)}; it needs [N, C, ...].");
            ArgumentChecks.That(!shape[1].IsFixed || shape[1].Value == channels, nameof(input),
                $"{op}: input '{input}' has shape {ShapeText.Of(shape)} but the statistics have {channels} channels.");
        }

        var slot = StartNode(op, name, output);
        long[] perChannel = [channels];
        string[] inputs =
        [
            input,
            Parameter(slot, "scale", scale, perChannel),
            Parameter(slot, "bias", bias, perChannel),
            Parameter(slot, "running_mean", mean, perChannel),
            Parameter(slot, "running_var", variance, perChannel),
        ];
        var attributes = new List<AttributeProto> { OnnxAttributes.Float("epsilon", epsilon) };
        if (onnxMomentum is { } momentum)
        {
            attributes.Add(OnnxAttributes.Float("momentum", momentum));
        }

        return FinishNode(slot, inputs, shape, attributes);
    }

    /// <summary>
    /// <c>LayerNormalization</c> (opset 17) over the trailing dimensions <paramref name="normalizedShape"/>
    /// (PyTorch's LayerNorm argument), with element-wise scale and optional bias of that shape.
    /// </summary>
    /// <param name="input">The input value; its trailing dims must equal <paramref name="normalizedShape"/>.</param>
    /// <param name="scale">Scale (gamma), row-major of <paramref name="normalizedShape"/>.</param>
    /// <param name="bias">Optional bias (beta) of the same shape.</param>
    /// <param name="normalizedShape">The normalized trailing dimensions.</param>
    /// <param name="epsilon">Added to the variance; positive.</param>
    /// <param name="name">Node name and prefix of its initializers.</param>
    /// <param name="output">Output value name; generated when null.</param>
    /// <returns>The output value name.</returns>
    /// <exception cref="ArgumentException">Sizes do not match each other or the input's shape.</exception>
    /// <exception cref="InvalidOperationException">The graph's opset is below 17.</exception>
    public string LayerNormalization(
        string input, float[] scale, float[]? bias, IReadOnlyList<long> normalizedShape,
        float epsilon = 1e-5f, string? name = null, string? output = null)
    {
        const string op = "LayerNormalization";
        RequireOpset(17, op);
        var (shape, count) = CheckNormalizedScale(op, input, scale, normalizedShape);
        ArgumentChecks.That(bias is null || bias.Length == count, nameof(bias),
            $"{op}: bias has {bias?.Length} values but normalizedShape {ShapeText.Of(normalizedShape)} needs {count}.");
        ArgumentChecks.PositiveFinite(epsilon, nameof(epsilon), op);
        var slot = StartNode(op, name, output);
        var inputs = new List<string> { input, Parameter(slot, "weight", scale, normalizedShape) };
        if (bias is not null)
        {
            inputs.Add(Parameter(slot, "bias", bias, normalizedShape));
        }

        return FinishNode(slot, inputs, shape,
            OnnxAttributes.Int("axis", -normalizedShape.Count), OnnxAttributes.Float("epsilon", epsilon));
    }

    /// <summary>
    /// <c>RMSNormalization</c> (opset 23) over the trailing dimensions <paramref name="normalizedShape"/>:
    /// <c>Y = X / sqrt(mean(X², trailing dims) + epsilon) · scale</c>, scale of that shape.
    /// </summary>
    /// <param name="input">The input value; its trailing dims must equal <paramref name="normalizedShape"/>.</param>
    /// <param name="scale">Scale, row-major of <paramref name="normalizedShape"/>.</param>
    /// <param name="normalizedShape">The normalized trailing dimensions.</param>
    /// <param name="epsilon">Added to the mean square; positive.</param>
    /// <param name="name">Node name and prefix of its initializers.</param>
    /// <param name="output">Output value name; generated when null.</param>
    /// <returns>The output value name.</returns>
    /// <exception cref="ArgumentException">Sizes do not match each other or the input's shape.</exception>
    /// <exception cref="InvalidOperationException">The graph's opset is below 23.</exception>
    public string RmsNormalization(
        string input, float[] scale, IReadOnlyList<long> normalizedShape, float epsilon,
        string? name = null, string? output = null)
    {
        const string op = "RMSNormalization";
        RequireOpset(23, op);
        var (shape, count) = CheckNormalizedScale(op, input, scale, normalizedShape);
        ArgumentChecks.PositiveFinite(epsilon, nameof(epsilon), op);
        var slot = StartNode(op, name, output);
        return FinishNode(slot, [input, Parameter(slot, "weight", scale, normalizedShape)], shape,
            OnnxAttributes.Int("axis", -normalizedShape.Count), OnnxAttributes.Float("epsilon", epsilon));
    }

    /// <summary>Throws unless the graph's opset is at least <paramref name="minimum"/>.</summary>
    private void RequireOpset(int minimum, string op)
    {
        if (Opset < minimum)
        {
            throw new InvalidOperationException(
                $"{op} needs opset {minimum} or later; graph '{Name}' is built for opset {Opset}.");
        }
    }

    private static void CheckTrailing(string op, string input, OnnxDim[]? shape, IReadOnlyList<long> normalizedShape)
    {
        ArgumentChecks.That(normalizedShape.Count > 0 && normalizedShape.All(d => d > 0), nameof(normalizedShape),
            $"{op}: normalizedShape must be a non-empty list of positive sizes, got {ShapeText.Of(normalizedShape)}.");
        if (shape is null)
        {
            return;
        }

        var trailing = shape.Length >= normalizedShape.Count ? shape[^normalizedShape.Count..] : [];
        ArgumentChecks.That(
            trailing.Length == normalizedShape.Count &&
            trailing.Zip(normalizedShape).All(p => !p.First.IsFixed || p.First.Value == p.Second),
            nameof(input),
            $"{op}: input '{input}' has shape {ShapeText.Of(shape)}, which does not end with " +
            $"{ShapeText.Of(normalizedShape)}.");
    }

    /// <summary>
    /// Shared checks of LayerNormalization and RMSNormalization: the input ends with <paramref name="normalizedShape"/>
    /// and <paramref name="scale"/> holds one value per normalized element. Returns the input's shape and that count.
    /// </summary>
    private (OnnxDim[]? Shape, long Count) CheckNormalizedScale(string op, string input, float[] scale,
        IReadOnlyList<long> normalizedShape)
    {
        ArgumentNullException.ThrowIfNull(scale);
        ArgumentNullException.ThrowIfNull(normalizedShape);
        var shape = Lookup(input, nameof(input)).Shape;
        CheckTrailing(op, input, shape, normalizedShape);
        var count = OnnxTensors.ElementCount(normalizedShape);
        ArgumentChecks.That(scale.Length == count, nameof(scale),
            $"{op}: scale has {scale.Length} values but normalizedShape {ShapeText.Of(normalizedShape)} needs {count}.");
        return (shape, count);
    }
}
