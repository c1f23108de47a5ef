using Harness.Export.Onnx.Proto;
using DataType = Harness.Export.Onnx.Proto.TensorProto.Types.DataType;

namespace Harness.Export.Onnx;

/// <summary>Random tensors and type conversion: the pieces of a dropout mask built from ordinary operators.</summary>
public sealed partial class OnnxGraphBuilder
{
    /// <summary>
    /// <c>RandomUniformLike</c>: FLOAT values uniform in [<paramref name="low"/>, <paramref name="high"/>) with
    /// the shape of <paramref name="input"/>. A graph holding one is not deterministic.
    /// </summary>
    /// <param name="input">The value whose shape the output takes (its data is not read).</param>
    /// <param name="low">Lower bound, finite.</param>
    /// <param name="high">Upper bound, finite and above <paramref name="low"/>.</param>
    /// <param name="seed">Optional seed attribute (without it the runtime seeds the generator itself).</param>
    /// <param name="name">Node name.</param>
    /// <param name="output">Output value name; generated when null.</param>
    /// <returns>The output value name.</returns>
    /// <exception cref="ArgumentException">The bounds are not finite or not increasing.</exception>
    public string RandomUniformLike(
        string input, float low = 0, float high = 1, float? seed = null, string? name = null, string? output = null)
    {
        const string op = "RandomUniformLike";
        var shape = Lookup(input, nameof(input)).Shape;
        ArgumentChecks.That(float.IsFinite(low) && float.IsFinite(high) && low < high, nameof(high),
            $"{op}: bounds must be finite with low < high, got [{low}, {high}).");
        var attributes = new List<AttributeProto>
        {
            OnnxAttributes.Int("dtype", (long)DataType.Float),
            OnnxAttributes.Float("low", low),
            OnnxAttributes.Float("high", high),
        };
        if (seed is { } s)
        {
            attributes.Add(OnnxAttributes.Float("seed", s));
        }

        var slot = StartNode(op, name, output);
        return FinishNode(slot, [input], shape, attributes);
    }

    /// <summary><c>Cast</c> to <paramref name="to"/> (for example a BOOL mask to FLOAT).</summary>
    /// <returns>The output value name.</returns>
    /// <exception cref="ArgumentException"><paramref name="to"/> is Undefined.</exception>
    public string Cast(string input, DataType to, string? name = null, string? output = null)
    {
        const string op = "Cast";
        var shape = Lookup(input, nameof(input)).Shape;
        ArgumentChecks.That(to != DataType.Undefined, nameof(to), $"{op}: the target type must be defined.");
        var slot = StartNode(op, name, output);
        FinishNodeWithOutputs(slot, [input], [(slot.Output, new TrackedValue(to, shape))],
            [OnnxAttributes.Int("to", (long)to)]);
        return slot.Output;
    }
}
