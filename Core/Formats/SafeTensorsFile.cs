using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Harness.Core.Formats;

/// <summary>
/// The safetensors layout, without any tensor library: an 8-byte little-endian header length, a JSON header
/// (<c>{"name": {"dtype": "F32", "shape": [..], "data_offsets": [begin, end]}, "__metadata__": {..}}</c>, padded
/// with spaces to a multiple of 8), then the raw little-endian tensor bytes. Files are written atomically
/// (temporary file + rename), so an interrupted write never leaves half a file behind. Used for checkpoints and
/// for probes; readable by the Python <c>safetensors</c> package.
/// </summary>
public static class SafeTensorsFile
{
    /// <summary>One stored array: dtype ("F32" or "I64"), shape and raw little-endian bytes.</summary>
    public sealed record Entry(string DType, long[] Shape, byte[] Bytes)
    {
        public static Entry Floats(ReadOnlySpan<float> data, long[] shape) =>
            new(F32, shape, MemoryMarshal.AsBytes(data).ToArray());

        public static Entry Longs(ReadOnlySpan<long> data, long[] shape) =>
            new(I64, shape, MemoryMarshal.AsBytes(data).ToArray());

        public float[] ToFloats() => DType == F32
            ? MemoryMarshal.Cast<byte, float>(Bytes).ToArray()
            : throw new InvalidOperationException($"Entry holds {DType}, not {F32}.");

        public long[] ToLongs() => DType == I64
            ? MemoryMarshal.Cast<byte, long>(Bytes).ToArray()
            : throw new InvalidOperationException($"Entry holds {DType}, not {I64}.");
    }

    public const string F32 = "F32";
    public const string I64 = "I64";

    public static void Save(string path, IEnumerable<(string Name, Entry Entry)> entries,
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
        foreach (var (name, entry) in entries)
        {
            header[name] = new JsonObject
            {
                ["dtype"] = entry.DType,
                ["shape"] = new JsonArray(entry.Shape.Select(d => (JsonNode)d).ToArray()),
                ["data_offsets"] = new JsonArray(offset, offset + entry.Bytes.Length),
            };
            offset += entry.Bytes.Length;
            blobs.Add(entry.Bytes);
        }

        var json = Encoding.UTF8.GetBytes(header.ToJsonString());
        var padded = (json.Length + 7) / 8 * 8;
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temp = full + ".tmp";
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

        File.Move(temp, full, overwrite: true);
    }

    /// <summary>Reads every array and the metadata; any malformation is a <see cref="UsageException"/> naming the file.</summary>
    public static (Dictionary<string, Entry> Entries, Dictionary<string, string> Metadata) Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new UsageException($"File not found: {path}");
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
            var entries = new Dictionary<string, Entry>();
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

                var dtype = property.Value.GetProperty("dtype").GetString();
                var size = dtype switch
                {
                    F32 => 4,
                    I64 => 8,
                    _ => throw new FormatException($"tensor '{property.Name}' has unsupported dtype '{dtype}'"),
                };
                var shape = property.Value.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()).ToArray();
                var offsets = property.Value.GetProperty("data_offsets").EnumerateArray().Select(e => e.GetInt64()).ToArray();
                var expected = shape.Aggregate(1L, (a, d) => a * d) * size;
                if (offsets.Length != 2 || offsets[0] < 0 || offsets[1] - offsets[0] != expected || offsets[1] > data.Length)
                {
                    throw new FormatException($"tensor '{property.Name}' has bad data_offsets [{string.Join(", ", offsets)}]");
                }

                entries[property.Name] = new Entry(dtype!, shape, data.Slice((int)offsets[0], (int)expected).ToArray());
            }

            return (entries, metadata);
        }
        catch (Exception e) when (e is FormatException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new UsageException($"{path} is not a valid safetensors file: {e.Message}");
        }
    }
}
