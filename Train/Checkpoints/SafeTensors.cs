using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Harness.Core;
using Harness.Train.Torch;

namespace Harness.Train.Checkpoints;

/// <summary>
/// Checkpoints in the safetensors layout: an 8-byte little-endian header length, a JSON header
/// (<c>{"name": {"dtype": "F32", "shape": [..], "data_offsets": [begin, end]}, "__metadata__": {..}}</c>, padded
/// with spaces to 8 bytes), then the raw little-endian tensor bytes. Files are written atomically (temp + rename),
/// so an interrupted write never leaves a half checkpoint behind.
/// </summary>
public static class SafeTensors
{
    /// <summary>One stored tensor: its element type, shape and raw little-endian bytes.</summary>
    public sealed record Entry(DType DType, long[] Shape, byte[] Bytes)
    {
        public float[] ToFloats() => DType == DType.Float32
            ? System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(Bytes).ToArray()
            : throw new InvalidOperationException($"Entry holds {DType}, not Float32.");
    }

    public static void Save(string path, IEnumerable<(string Name, Tensor Tensor)> tensors,
        IReadOnlyDictionary<string, string>? metadata = null)
    {
        var header = new JsonObject();
        if (metadata is { Count: > 0 })
        {
            var meta = new JsonObject();
            foreach (var (k, v) in metadata)
            {
                meta[k] = v;
            }

            header["__metadata__"] = meta;
        }

        var blobs = new List<byte[]>();
        long offset = 0;
        foreach (var (name, tensor) in tensors)
        {
            var bytes = ToBytes(tensor);
            header[name] = new JsonObject
            {
                ["dtype"] = DTypeName(tensor.DType),
                ["shape"] = new JsonArray(tensor.Shape.Select(d => (JsonNode)d).ToArray()),
                ["data_offsets"] = new JsonArray(offset, offset + bytes.Length),
            };
            offset += bytes.Length;
            blobs.Add(bytes);
        }

        var json = Encoding.UTF8.GetBytes(header.ToJsonString());
        var padded = (json.Length + 7) / 8 * 8;
        var temp = path + ".tmp";
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write))
        {
            Span<byte> length = stackalloc byte[8];
            BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)padded);
            stream.Write(length);
            stream.Write(json);
            for (var i = json.Length; i < padded; i++)
            {
                stream.WriteByte((byte)' ');
            }

            foreach (var blob in blobs)
            {
                stream.Write(blob);
            }

            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, path, overwrite: true);
    }

    /// <summary>Reads every tensor and the metadata; any malformation names the file.</summary>
    public static (Dictionary<string, Entry> Tensors, Dictionary<string, string> Metadata) Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new UsageException($"Checkpoint not found: {path}");
        }

        var bytes = File.ReadAllBytes(path);
        try
        {
            if (bytes.Length < 8)
            {
                throw new FormatException("shorter than the 8-byte header length");
            }

            var headerLength = (long)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
            if (headerLength <= 0 || 8 + headerLength > bytes.Length)
            {
                throw new FormatException($"header length {headerLength} does not fit in {bytes.Length} bytes");
            }

            var data = bytes.AsMemory(8 + (int)headerLength);
            using var doc = JsonDocument.Parse(bytes.AsMemory(8, (int)headerLength));
            var tensors = new Dictionary<string, Entry>();
            var metadata = new Dictionary<string, string>();
            foreach (var property in doc.RootElement.EnumerateObject())
            {
                if (property.Name == "__metadata__")
                {
                    foreach (var m in property.Value.EnumerateObject())
                    {
                        metadata[m.Name] = m.Value.GetString() ?? "";
                    }

                    continue;
                }

                var dtype = ParseDType(property.Value.GetProperty("dtype").GetString());
                var shape = property.Value.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()).ToArray();
                var offsets = property.Value.GetProperty("data_offsets").EnumerateArray().Select(e => e.GetInt64()).ToArray();
                var expected = shape.Aggregate(1L, (a, d) => a * d) * ElementSize(dtype);
                if (offsets.Length != 2 || offsets[1] - offsets[0] != expected || offsets[0] < 0 || offsets[1] > data.Length)
                {
                    throw new FormatException($"tensor '{property.Name}' has bad data_offsets [{string.Join(", ", offsets)}]");
                }

                tensors[property.Name] = new Entry(dtype, shape, data.Slice((int)offsets[0], (int)expected).ToArray());
            }

            return (tensors, metadata);
        }
        catch (Exception e) when (e is FormatException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new UsageException($"{path} is not a valid safetensors checkpoint: {e.Message}");
        }
    }

    private static byte[] ToBytes(Tensor tensor)
    {
        switch (tensor.DType)
        {
            case DType.Float32:
                return System.Runtime.InteropServices.MemoryMarshal.AsBytes(tensor.ToFloatArray().AsSpan()).ToArray();
            case DType.Int64:
                return System.Runtime.InteropServices.MemoryMarshal.AsBytes(tensor.ToInt64Array().AsSpan()).ToArray();
            default:
                throw new NotSupportedException($"Checkpoints store Float32 and Int64 tensors, not {tensor.DType}.");
        }
    }

    private static string DTypeName(DType dtype) => dtype switch
    {
        DType.Float32 => "F32",
        DType.Int64 => "I64",
        _ => throw new NotSupportedException($"Checkpoints store Float32 and Int64 tensors, not {dtype}."),
    };

    private static DType ParseDType(string? name) => name switch
    {
        "F32" => DType.Float32,
        "I64" => DType.Int64,
        _ => throw new FormatException($"unsupported dtype '{name}'"),
    };

    private static int ElementSize(DType dtype) => dtype == DType.Float32 ? 4 : 8;
}
