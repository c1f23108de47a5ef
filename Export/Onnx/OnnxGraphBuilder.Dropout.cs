using Harness.Export.Onnx.Proto;
using DataType = Harness.Export.Onnx.Proto.TensorProto.Types.DataType;

namespace Harness.Export.Onnx;

/// <summary>Dropout with its ratio and training_mode as inputs (opset ≥ 12 form).</summary>
public sealed partial class OnnxGraphBuilder
{
    /// <summary>
    /// <c>Dropout(data, ratio, training_mode)</c>, ratio a FLOAT scalar and training_mode a BOOL scalar
    /// initializer. With training_mode false it is the identity; with true, kept values are scaled by
    /// 1 / (1 − ratio). Note that ONNX Runtime deletes Dropout (opset ≤ 13) whose mask is unused, whatever
    /// training_mode says: request the mask to keep it.
    /// </summary>
    /// <param name="input">The input value.</param>
    /// <param name="ratio">Drop probability in [0, 1).</param>
    /// <param name="trainingMode">Whether the node samples a mask.</param>
    /// <param name="withMask">Whether to produce the BOOL mask output.</param>
    /// <param name="seed">Optional seed attribute.</param>
    /// <param name="name">Node name and prefix of its initializers.</param>
    /// <param name="output">Output value name; generated when null.</param>
    /// <param name="mask">Mask output name when <paramref name="withMask"/>; generated when null.</param>
    /// <returns>The output name and, when requested, the mask name.</returns>
    /// <exception cref="ArgumentException">The ratio is outside [0, 1), or a name is taken.</exception>
    public DropoutOutputs Dropout(
        string input, float ratio, bool trainingMode, bool withMask = false, long? seed = null,
        string? name = null, string? output = null, string? mask = null)
    {
        const string op = "Dropout";
        var shape = Lookup(input, nameof(input)).Shape;
        ArgumentChecks.That(ratio is >= 0 and < 1, nameof(ratio), $"{op}: ratio must be in [0, 1), got {ratio}.");
        ArgumentChecks.That(withMask || mask is null, nameof(mask), $"{op}: a mask name was given without withMask.");
        var slot = StartNode(op, name, output, mask);
        var maskName = withMask
            ? mask ?? _valueNames.Claim(_valueNames.Suggest($"{slot.NodeName}_mask"), "value")
            : null;
        string[] inputs =
        [
            input,
            AddInitializer(_valueNames.Suggest($"{slot.NodeName}.ratio"), [ratio], []),
            AddBoolInitializer(_valueNames.Suggest($"{slot.NodeName}.training_mode"), [trainingMode], []),
        ];
        var outputs = new List<(string, TrackedValue)> { (slot.Output, TrackedValue.Float(shape)) };
        if (maskName is not null)
        {
            outputs.Add((maskName, new TrackedValue(DataType.Bool, shape)));
        }

        var attributes = seed is { } s ? [OnnxAttributes.Int("seed", s)] : Array.Empty<AttributeProto>();
        FinishNodeWithOutputs(slot, inputs, outputs, attributes);
        return new DropoutOutputs(slot.Output, maskName);
    }
}

/// <summary>The outputs of a Dropout node.</summary>
/// <param name="Output">The dropped-out (or passed-through) data.</param>
/// <param name="Mask">The BOOL mask, or null when it was not requested.</param>
public readonly record struct DropoutOutputs(string Output, string? Mask);
