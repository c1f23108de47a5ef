using System.Buffers.Binary;
using Google.Protobuf;
using Harness.Export.Onnx.Proto;
using DataType = Harness.Export.Onnx.Proto.TensorProto.Types.DataType;

namespace Harness.Export.Onnx;

/// <summary>
/// Builds <see cref="TensorProto"/> values (data in <c>raw_data</c>, little-endian, whatever the machine) and
/// reads their elements back, from <c>raw_data</c> or from the typed <c>*_data</c> fields foreign writers use.
/// </summary>
public static class OnnxTensors
{
    /// <summary>A FLOAT tensor holding <paramref name="data"/> in row-major order.</summary>
    /// <exception cref="ArgumentException">The data length differs from the product of <paramref name="dims"/>,
    /// or a dimension is negative.</exception>
    public static TensorProto Float(string name, ReadOnlySpan<float> data, IReadOnlyList<long> dims)
    {
        CheckCount(name, data.Length, dims);
        var bytes = new byte[data.Length * sizeof(float)];
        for (var i = 0; i < data.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), data[i]);
        }

        return Create(name, DataType.Float, dims, bytes);
    }

    /// <summary>An INT64 tensor holding <paramref name="data"/> in row-major order.</summary>
    /// <exception cref="ArgumentException">The data length differs from the product of <paramref name="dims"/>,
    /// or a dimension is negative.</exception>
    public static TensorProto Int64(string name, ReadOnlySpan<long> data, IReadOnlyList<long> dims)
    {
        CheckCount(name, data.Length, dims);
        var bytes = new byte[data.Length * sizeof(long)];
        for (var i = 0; i < data.Length; i++)
        {
            BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(i * sizeof(long)), data[i]);
        }

        return Create(name, DataType.Int64, dims, bytes);
    }

    /// <summary>A BOOL tensor (one byte per element) holding <paramref name="data"/> in row-major order.</summary>
    /// <exception cref="ArgumentException">The data length differs from the product of <paramref name="dims"/>,
    /// or a dimension is negative.</exception>
    public static TensorProto Bool(string name, ReadOnlySpan<bool> data, IReadOnlyList<long> dims)
    {
        CheckCount(name, data.Length, dims);
        var bytes = new byte[data.Length];
        for (var i = 0; i < data.Length; i++)
        {
            bytes[i] = data[i] ? (byte)1 : (byte)0;
        }

        return Create(name, DataType.Bool, dims, bytes);
    }

    /// <summary>The number of elements of a tensor with these dimensions (1 for a scalar).</summary>
    /// <exception cref="ArgumentException">A dimension is negative.</exception>
    public static long ElementCount(IReadOnlyList<long> dims)
    {
        long count = 1;
        foreach (var d in dims)
        {
            if (d < 0)
            {
                throw new ArgumentException(
                    $"Tensor dimensions cannot be negative: {ShapeText.Of(dims)}.", nameof(dims));
            }

            count = checked(count * d);
        }

        return count;
    }

    /// <summary>The elements of a FLOAT tensor, from <c>raw_data</c> or <c>float_data</c>.</summary>
    /// <exception cref="ArgumentException">The tensor is not FLOAT.</exception>
    /// <exception cref="InvalidDataException">The data is stored externally or does not match the dims.</exception>
    public static float[] ToFloatArray(TensorProto tensor)
    {
        var count = CheckReadable(tensor, DataType.Float, sizeof(float));
        if (!tensor.HasRawData)
        {
            return CheckTyped(tensor, tensor.FloatData.ToArray(), count);
        }

        var raw = tensor.RawData.Span;
        var values = new float[count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = BinaryPrimitives.ReadSingleLittleEndian(raw[(i * sizeof(float))..]);
        }

        return values;
    }

    /// <summary>The elements of an INT64 tensor, from <c>raw_data</c> or <c>int64_data</c>.</summary>
    /// <exception cref="ArgumentException">The tensor is not INT64.</exception>
    /// <exception cref="InvalidDataException">The data is stored externally or does not match the dims.</exception>
    public static long[] ToInt64Array(TensorProto tensor)
    {
        var count = CheckReadable(tensor, DataType.Int64, sizeof(long));
        if (!tensor.HasRawData)
        {
            return CheckTyped(tensor, tensor.Int64Data.ToArray(), count);
        }

        var raw = tensor.RawData.Span;
        var values = new long[count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = BinaryPrimitives.ReadInt64LittleEndian(raw[(i * sizeof(long))..]);
        }

        return values;
    }

    private static TensorProto Create(string name, DataType type, IReadOnlyList<long> dims, byte[] bytes)
    {
        var tensor = new TensorProto
        {
            Name = name,
            DataType = (int)type,
            // The array was allocated above and is never touched again, so wrapping it without a copy is safe.
            RawData = UnsafeByteOperations.UnsafeWrap(bytes),
        };
        tensor.Dims.AddRange(dims);
        return tensor;
    }

    private static void CheckCount(string name, int length, IReadOnlyList<long> dims)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var expected = ElementCount(dims);
        if (expected != length)
        {
            throw new ArgumentException(
                $"Tensor '{name}': {length} values do not fill shape {ShapeText.Of(dims)} ({expected} values).",
                nameof(dims));
        }
    }

    private static int CheckReadable(TensorProto tensor, DataType expected, int elementSize)
    {
        if (tensor.DataType != (int)expected)
        {
            throw new ArgumentException(
                $"Tensor '{tensor.Name}' has data type {(DataType)tensor.DataType}, not {expected}.", nameof(tensor));
        }

        if (tensor.DataLocation == TensorProto.Types.DataLocation.External)
        {
            throw new InvalidDataException(
                $"Tensor '{tensor.Name}' stores its data in an external file, which is not supported.");
        }

        var count = checked((int)ElementCount(tensor.Dims));
        if (tensor.HasRawData && tensor.RawData.Length != (long)count * elementSize)
        {
            throw new InvalidDataException(
                $"Tensor '{tensor.Name}' of shape {ShapeText.Of(tensor.Dims)} needs {(long)count * elementSize} " +
                $"bytes of raw_data but has {tensor.RawData.Length}.");
        }

        return count;
    }

    private static T[] CheckTyped<T>(TensorProto tensor, T[] values, int count) => values.Length == count
        ? values
        : throw new InvalidDataException(
            $"Tensor '{tensor.Name}' of shape {ShapeText.Of(tensor.Dims)} needs {count} values but has {values.Length}.");
}
