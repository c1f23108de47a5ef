using System.Buffers.Binary;
using System.IO.Compression;
using Harness.Core;

namespace Harness.Train.Data;

/// <summary>
/// Reads the IDX format of (Fashion-)MNIST, plain or gzip-compressed: magic 0x0000 [type] [rank], big-endian
/// int32 dimension sizes, then the unsigned bytes. Any problem names the file.
/// </summary>
public static class IdxFile
{
    private const byte UnsignedByteType = 0x08;

    /// <summary>Reads an IDX file of unsigned bytes whose rank must be <paramref name="expectedRank"/>.</summary>
    public static (int[] Dims, byte[] Data) Read(string path, int expectedRank)
    {
        if (!File.Exists(path))
        {
            throw new UsageException($"Data file not found: {path}");
        }

        try
        {
            using var file = File.OpenRead(path);
            using Stream stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)
                ? new GZipStream(file, CompressionMode.Decompress)
                : file;
            Span<byte> header = stackalloc byte[4];
            stream.ReadExactly(header);
            if (header[0] != 0 || header[1] != 0 || header[2] != UnsignedByteType || header[3] != expectedRank)
            {
                throw new UsageException(
                    $"{path}: wrong magic 0x{Convert.ToHexString(header)}; expected 0x0000080{expectedRank} " +
                    $"(IDX, unsigned bytes, rank {expectedRank}).");
            }

            var dims = new int[expectedRank];
            long count = 1;
            Span<byte> size = stackalloc byte[4];
            for (var i = 0; i < expectedRank; i++)
            {
                stream.ReadExactly(size);
                dims[i] = BinaryPrimitives.ReadInt32BigEndian(size);
                if (dims[i] <= 0)
                {
                    throw new UsageException($"{path}: dimension {i} has size {dims[i]}.");
                }

                count *= dims[i];
            }

            var data = new byte[count];
            stream.ReadExactly(data);
            return (dims, data);
        }
        catch (EndOfStreamException)
        {
            throw new UsageException($"{path}: truncated IDX file (ends before the sizes in its header say).");
        }
        catch (InvalidDataException e)
        {
            throw new UsageException($"{path}: not a valid gzip stream ({e.Message}).");
        }
    }
}
