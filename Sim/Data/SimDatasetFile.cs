using System.Buffers.Binary;
using System.Text;
using Harness.Core;

namespace Harness.Sim.Data;

/// <summary>
/// Reads and writes the Sim dataset file (<c>.hsim</c>; layout in <c>Sim/DATASETS.md</c>): magic
/// <c>HSIMDATA</c>, version, element type, count, sample shape, class names, description, then the samples
/// (little-endian float32 or uint8) and the labels (little-endian int32). Every problem with a file being read
/// is a <see cref="UsageException"/> that names the file.
/// </summary>
public static class SimDatasetFile
{
    /// <summary>The 8 magic bytes at the start of every file.</summary>
    public static ReadOnlySpan<byte> Magic => "HSIMDATA"u8;

    /// <summary>The format version this code writes and reads.</summary>
    public const uint Version = 1;

    /// <summary>Element type code of float32 feature rows.</summary>
    public const uint Float32 = 1;

    /// <summary>Element type code of uint8 images.</summary>
    public const uint UInt8 = 2;

    /// <summary>Largest sample count or element count accepted (arrays are indexed by int).</summary>
    private const long MaxElements = int.MaxValue - 64;

    /// <summary>Writes a feature dataset.</summary>
    public static void Write(string path, FeatureDataset data)
    {
        data.Validate();
        using var stream = Create(path);
        WriteHeader(stream, Float32, data.Count, [data.FeatureSize], data.ClassNames, data.Description);
        Span<byte> buffer = stackalloc byte[4];
        foreach (var f in data.Features)
        {
            BinaryPrimitives.WriteSingleLittleEndian(buffer, f);
            stream.Write(buffer);
        }

        WriteLabels(stream, data.Labels);
    }

    /// <summary>Writes an image dataset.</summary>
    public static void Write(string path, ImageSet data)
    {
        data.Validate();
        using var stream = Create(path);
        WriteHeader(stream, UInt8, data.Count, [data.Channels, data.Height, data.Width], data.ClassNames, data.Description);
        stream.Write(data.Pixels);
        WriteLabels(stream, data.Labels);
    }

    /// <summary>Reads a feature dataset, validating everything.</summary>
    public static FeatureDataset ReadFeatures(string path)
    {
        var (header, bytes) = Read(path, Float32);
        if (header.Shape.Length != 1)
        {
            throw Bad(path, $"a feature dataset has a sample shape of rank 1, this one has rank {header.Shape.Length}");
        }

        var features = new float[header.Count * header.SampleSize];
        for (var i = 0; i < features.Length; i++)
        {
            features[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(header.DataOffset + 4 * i, 4));
        }

        var labels = ReadLabels(path, header, bytes);
        return new FeatureDataset(features, labels, header.Shape[0], header.ClassNames, header.Description);
    }

    /// <summary>Reads an image dataset, validating everything.</summary>
    public static ImageSet ReadImages(string path)
    {
        var (header, bytes) = Read(path, UInt8);
        if (header.Shape.Length != 3)
        {
            throw Bad(path, $"an image dataset has a sample shape C×H×W (rank 3), this one has rank {header.Shape.Length}");
        }

        if (header.ClassNames.Length > 256)
        {
            throw Bad(path, $"{header.ClassNames.Length} classes; image labels are bytes, so at most 256");
        }

        var pixels = bytes.AsSpan(header.DataOffset, header.Count * header.SampleSize).ToArray();
        var labels = ReadLabels(path, header, bytes);
        return new ImageSet(pixels, labels, header.Shape[0], header.Shape[1], header.Shape[2], header.ClassNames, header.Description);
    }

    private sealed record Header(uint ElementType, int Count, int[] Shape, string[] ClassNames, string Description, int DataOffset)
    {
        public int SampleSize => Shape.Aggregate(1, (a, b) => a * b);

        public int ElementBytes => ElementType == Float32 ? 4 : 1;
    }

    private static FileStream Create(string path)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        return new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
    }

    private static void WriteHeader(Stream stream, uint elementType, int count, int[] shape, IReadOnlyList<string> classNames, string description)
    {
        using var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true); // BinaryWriter is little-endian
        w.Write(Magic);
        w.Write(Version);
        w.Write(elementType);
        w.Write((uint)count);
        w.Write((uint)shape.Length);
        foreach (var d in shape)
        {
            w.Write((uint)d);
        }

        w.Write((uint)classNames.Count);
        foreach (var name in classNames)
        {
            var utf8 = Encoding.UTF8.GetBytes(name);
            if (utf8.Length is 0 or > ushort.MaxValue)
            {
                throw new ArgumentException($"Class name '{name}' must be 1…65535 UTF-8 bytes.");
            }

            w.Write((ushort)utf8.Length);
            w.Write(utf8);
        }

        var text = Encoding.UTF8.GetBytes(description);
        w.Write((uint)text.Length);
        w.Write(text);
    }

    private static void WriteLabels(Stream stream, int[] labels)
    {
        Span<byte> buffer = stackalloc byte[4];
        foreach (var label in labels)
        {
            BinaryPrimitives.WriteInt32LittleEndian(buffer, label);
            stream.Write(buffer);
        }
    }

    private static (Header Header, byte[] Bytes) Read(string path, uint expectedType)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"Cannot read Sim dataset {path}: {e.Message}", e);
        }

        var header = ParseHeader(path, bytes);
        if (header.ElementType != expectedType)
        {
            throw Bad(path, expectedType == Float32
                ? "it holds uint8 images, not float32 feature rows (read it with ReadImages)"
                : "it holds float32 feature rows, not uint8 images (read it with ReadFeatures)");
        }

        var expected = header.DataOffset + (long)header.Count * header.SampleSize * header.ElementBytes + 4L * header.Count;
        if (bytes.Length < expected)
        {
            throw Bad(path, $"truncated: {bytes.Length} bytes, the header promises {expected}");
        }

        if (bytes.Length > expected)
        {
            throw Bad(path, $"{bytes.Length - expected} unexpected bytes after the labels (the header promises {expected} bytes)");
        }

        return (header, bytes);
    }

    private static Header ParseHeader(string path, byte[] bytes)
    {
        var pos = 0;
        ReadOnlySpan<byte> Take(int n)
        {
            if (pos + n > bytes.Length)
            {
                throw Bad(path, $"truncated header: ends at byte {bytes.Length}, needs at least {pos + n}");
            }

            var span = bytes.AsSpan(pos, n);
            pos += n;
            return span;
        }

        uint U32() => BinaryPrimitives.ReadUInt32LittleEndian(Take(4));

        if (bytes.Length < Magic.Length || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            throw Bad(path, "not a Sim dataset (the file does not start with the magic 'HSIMDATA')");
        }

        pos = Magic.Length;
        var version = U32();
        if (version != Version)
        {
            throw Bad(path, $"format version {version}; this reader knows version {Version}");
        }

        var type = U32();
        if (type is not (Float32 or UInt8))
        {
            throw Bad(path, $"unknown element type {type} (1 = float32, 2 = uint8)");
        }

        var count = U32();
        var rank = U32();
        if (rank is 0 or > 4)
        {
            throw Bad(path, $"sample shape of rank {rank}: must be 1…4");
        }

        var shape = new int[rank];
        long elements = 1;
        for (var i = 0; i < rank; i++)
        {
            var d = U32();
            if (d == 0 || d > MaxElements)
            {
                throw Bad(path, $"sample dimension {i} is {d}");
            }

            shape[i] = (int)d;
            elements *= d;
            if (elements > MaxElements)
            {
                throw Bad(path, "samples are too large");
            }
        }

        if (count * elements > MaxElements)
        {
            throw Bad(path, $"{count} samples of {elements} elements are more than one array can hold");
        }

        var classes = U32();
        if (classes is 0 or > 65536)
        {
            throw Bad(path, $"{classes} class names: must be 1…65536");
        }

        var names = new string[classes];
        for (var i = 0; i < classes; i++)
        {
            var length = BinaryPrimitives.ReadUInt16LittleEndian(Take(2));
            names[i] = Utf8(path, Take(length), $"class name {i}");
        }

        var descriptionLength = U32();
        if (descriptionLength > bytes.Length)
        {
            throw Bad(path, $"truncated header: a description of {descriptionLength} bytes in a file of {bytes.Length}");
        }

        var description = Utf8(path, Take((int)descriptionLength), "the description");
        return new Header(type, (int)count, shape, names, description, pos);
    }

    private static string Utf8(string path, ReadOnlySpan<byte> bytes, string what)
    {
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw Bad(path, $"{what} is not valid UTF-8");
        }
    }

    private static int[] ReadLabels(string path, Header header, byte[] bytes)
    {
        var offset = header.DataOffset + header.Count * header.SampleSize * header.ElementBytes;
        var labels = new int[header.Count];
        for (var i = 0; i < labels.Length; i++)
        {
            labels[i] = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(offset + 4 * i, 4));
            if ((uint)labels[i] >= (uint)header.ClassNames.Length)
            {
                throw Bad(path, $"label {labels[i]} of sample {i} is out of range for {header.ClassNames.Length} classes");
            }
        }

        return labels;
    }

    private static UsageException Bad(string path, string problem) => new($"Sim dataset {path}: {problem}.");
}
