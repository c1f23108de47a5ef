namespace Harness.Tests.Sim;

/// <summary>
/// A small GIF decoder written independently of the encoder, for tests: it walks the block structure (header,
/// logical screen, global colour table, extensions, image descriptors, trailer) and LZW-decodes every frame.
/// </summary>
internal sealed class GifDecoder
{
    public int Width { get; private set; }

    public int Height { get; private set; }

    public int PaletteSize { get; private set; }

    public int? LoopCount { get; private set; }

    public List<int> Delays { get; } = new();

    public List<byte[]> Frames { get; } = new();

    public static GifDecoder Decode(byte[] gif)
    {
        var d = new GifDecoder();
        var pos = 0;
        string Ascii(int n) { var s = System.Text.Encoding.ASCII.GetString(gif, pos, n); pos += n; return s; }
        int U16() { var v = gif[pos] | (gif[pos + 1] << 8); pos += 2; return v; }

        if (Ascii(6) != "GIF89a")
        {
            throw new InvalidDataException("not GIF89a");
        }

        d.Width = U16();
        d.Height = U16();
        var packed = gif[pos];
        pos += 3;
        if ((packed & 0x80) == 0)
        {
            throw new InvalidDataException("no global colour table");
        }

        d.PaletteSize = 1 << ((packed & 7) + 1);
        pos += 3 * d.PaletteSize;
        while (true)
        {
            var introducer = gif[pos++];
            if (introducer == 0x3B)
            {
                if (pos != gif.Length)
                {
                    throw new InvalidDataException("bytes after the trailer");
                }

                return d;
            }

            if (introducer == 0x21)
            {
                var label = gif[pos++];
                var blocks = SubBlocks(gif, ref pos);
                if (label == 0xFF && blocks.Length >= 14 && System.Text.Encoding.ASCII.GetString(blocks, 0, 11) == "NETSCAPE2.0")
                {
                    d.LoopCount = blocks[12] | (blocks[13] << 8);
                }
                else if (label == 0xF9)
                {
                    d.Delays.Add(blocks[1] | (blocks[2] << 8));
                }

                continue;
            }

            if (introducer != 0x2C)
            {
                throw new InvalidDataException($"unknown block 0x{introducer:X2} at {pos - 1}");
            }

            pos += 4; // left, top
            var w = U16();
            var h = U16();
            if ((gif[pos++] & 0x80) != 0)
            {
                throw new InvalidDataException("local colour tables are not expected");
            }

            var minCodeSize = gif[pos++];
            d.Frames.Add(Lzw(SubBlocks(gif, ref pos), minCodeSize, w * h));
        }
    }

    private static byte[] SubBlocks(byte[] gif, ref int pos)
    {
        var data = new List<byte>();
        for (int n; (n = gif[pos++]) != 0; pos += n)
        {
            data.AddRange(gif.AsSpan(pos, n).ToArray());
        }

        return [.. data];
    }

    private static byte[] Lzw(byte[] data, int minCodeSize, int pixels)
    {
        var clear = 1 << minCodeSize;
        var end = clear + 1;
        var table = new List<byte[]>();
        void ResetTable()
        {
            table.Clear();
            for (var i = 0; i < clear + 2; i++)
            {
                table.Add([(byte)i]);
            }
        }

        ResetTable();
        var output = new List<byte>(pixels);
        var size = minCodeSize + 1;
        var bit = 0;
        byte[]? previous = null;
        while (true)
        {
            var code = 0;
            for (var i = 0; i < size; i++, bit++)
            {
                code |= ((data[bit >> 3] >> (bit & 7)) & 1) << i;
            }

            if (code == clear)
            {
                ResetTable();
                size = minCodeSize + 1;
                previous = null;
                continue;
            }

            if (code == end)
            {
                break;
            }

            byte[] entry;
            if (code < table.Count)
            {
                entry = table[code];
            }
            else if (code == table.Count && previous is not null)
            {
                entry = [.. previous, previous[0]];
            }
            else
            {
                throw new InvalidDataException($"bad LZW code {code} with {table.Count} entries");
            }

            output.AddRange(entry);
            if (previous is not null && table.Count < 4096)
            {
                table.Add([.. previous, entry[0]]);
            }

            if (table.Count == (1 << size) && size < 12)
            {
                size++;
            }

            previous = entry;
        }

        if (output.Count != pixels)
        {
            throw new InvalidDataException($"frame decodes to {output.Count} pixels, expected {pixels}");
        }

        return [.. output];
    }
}
