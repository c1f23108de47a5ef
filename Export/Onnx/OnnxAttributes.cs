using Google.Protobuf;
using Harness.Export.Onnx.Proto;
using AttributeType = Harness.Export.Onnx.Proto.AttributeProto.Types.AttributeType;

namespace Harness.Export.Onnx;

/// <summary>Builds typed node attributes (<see cref="AttributeProto"/> with its <c>type</c> discriminator set).</summary>
public static class OnnxAttributes
{
    /// <summary>A FLOAT attribute.</summary>
    public static AttributeProto Float(string name, float value) =>
        Create(name, AttributeType.Float, a => a.F = value);

    /// <summary>An INT attribute.</summary>
    public static AttributeProto Int(string name, long value) =>
        Create(name, AttributeType.Int, a => a.I = value);

    /// <summary>A STRING attribute (UTF-8).</summary>
    public static AttributeProto String(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Create(name, AttributeType.String, a => a.S = ByteString.CopyFromUtf8(value));
    }

    /// <summary>A TENSOR attribute.</summary>
    public static AttributeProto Tensor(string name, TensorProto value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Create(name, AttributeType.Tensor, a => a.T = value);
    }

    /// <summary>A FLOATS attribute.</summary>
    public static AttributeProto Floats(string name, IEnumerable<float> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return Create(name, AttributeType.Floats, a => a.Floats.AddRange(values));
    }

    /// <summary>An INTS attribute.</summary>
    public static AttributeProto Ints(string name, IEnumerable<long> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return Create(name, AttributeType.Ints, a => a.Ints.AddRange(values));
    }

    private static AttributeProto Create(string name, AttributeType type, Action<AttributeProto> setValue)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var attribute = new AttributeProto { Name = name, Type = type };
        setValue(attribute);
        return attribute;
    }
}
