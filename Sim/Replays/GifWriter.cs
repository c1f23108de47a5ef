namespace Harness.Sim.Replays;

/// <summary>
/// A minimal animated GIF89a encoder: one global colour table, full-size frames of palette indices, a fixed
/// frame delay and the NETSCAPE2.0 looping extension. Pixel data are LZW-compressed with variable code widths
/// (3…12 bits), a clear code at the start and whenever the 4,096-entry table fills.
/// </summary>
public sealed class GifWriter : IDisposable
{
    private const int MaxCodes = 4096;

    private readonly Stream _output;
    private readonly int _width;
    private readonly int _height;
    private readonly int _delay;
    private readonly int _minCodeSize;
    private readonly int _colors;
    private readonly Dictionary<int, int> _table = new();
    private readonly byte[] _block = new byte[255];
    private int _blockLength;
    private int _bitBuffer;
    private int _bitCount;
    private bool _finished;

    /// <summary>
    /// Starts a GIF on <paramref name="output"/>: <paramref name="paletteRgb"/> holds 3 bytes per colour
    /// (2…256 colours; padded with black to a power of two); frames show for <paramref name="delayCentiseconds"/>
    /// hundredths of a second; <paramref name="loops"/> = 0 loops forever.
    /// </summary>
    public GifWriter(Stream output, int width, int height, ReadOnlySpan<byte> paletteRgb, int delayCentiseconds, int loops = 0)
    {
        if (width is < 1 or > ushort.MaxValue || height is < 1 or > ushort.MaxValue)
        {
            throw new ArgumentException($"GIF size {width}×{height} must be 1…65535 on each side.");
        }

        var colors = paletteRgb.Length / 3;
        if (paletteRgb.Length % 3 != 0 || colors is < 2 or > 256)
        {
            throw new ArgumentException("The palette must hold 2…256 RGB triplets.", nameof(paletteRgb));
        }

        _output = output;
        _width = width;
        _height = height;
        _delay = Math.Clamp(delayCentiseconds, 0, ushort.MaxValue);
        var bits = 1;
        while ((1 << bits) < colors)
        {
            bits++;
        }

        _colors = colors;
        _minCodeSize = Math.Max(2, bits);

        // Header and logical screen descriptor with a global colour table of 2^bits entries.
        Write("GIF89a"u8);
        WriteUInt16(width);
        WriteUInt16(height);
        _output.WriteByte((byte)(0x80 | ((bits - 1) << 4) | (bits - 1)));
        _output.WriteByte(0); // background colour index
        _output.WriteByte(0); // no aspect ratio
        _output.Write(paletteRgb);
        for (var i = colors; i < (1 << bits); i++)
        {
            Write([0, 0, 0]);
        }

        // NETSCAPE2.0 application extension: loop count.
        Write([0x21, 0xFF, 0x0B]);
        Write("NETSCAPE2.0"u8);
        Write([0x03, 0x01]);
        WriteUInt16(Math.Clamp(loops, 0, ushort.MaxValue));
        _output.WriteByte(0);
    }

    /// <summary>Frames written so far.</summary>
    public int FrameCount { get; private set; }

    /// <summary>Appends a frame of <c>width × height</c> palette indices (row-major).</summary>
    public void AddFrame(ReadOnlySpan<byte> indices)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        if (indices.Length != _width * _height)
        {
            throw new ArgumentException($"A frame has {_width * _height} pixels, got {indices.Length}.", nameof(indices));
        }

        // Graphic control extension: no disposal, the delay, no transparency.
        Write([0x21, 0xF9, 0x04, 0x00]);
        WriteUInt16(_delay);
        Write([0x00, 0x00]);

        // Image descriptor: the full screen, no local colour table, not interlaced.
        _output.WriteByte(0x2C);
        WriteUInt16(0);
        WriteUInt16(0);
        WriteUInt16(_width);
        WriteUInt16(_height);
        _output.WriteByte(0);

        _output.WriteByte((byte)_minCodeSize);
        Compress(indices);
        _output.WriteByte(0); // block terminator
        FrameCount++;
    }

    /// <summary>Writes the trailer; the stream stays open.</summary>
    public void Dispose()
    {
        if (!_finished)
        {
            _output.WriteByte(0x3B);
            _output.Flush();
            _finished = true;
        }
    }

    private void Compress(ReadOnlySpan<byte> indices)
    {
        var clear = 1 << _minCodeSize;
        var end = clear + 1;
        var codeSize = _minCodeSize + 1;
        var next = clear + 2;
        _table.Clear();
        Emit(clear, codeSize);
        int prefix = Index(indices[0]);
        for (var i = 1; i < indices.Length; i++)
        {
            var k = Index(indices[i]);
            var key = (prefix << 8) | k;
            if (_table.TryGetValue(key, out var code))
            {
                prefix = code;
                continue;
            }

            Emit(prefix, codeSize);
            if (next < MaxCodes)
            {
                _table[key] = next++;
                // The decoder adds its entries one code later, so it widens when its next code reaches 2^size:
                // widen here once the encoder's next code exceeds it.
                if (next > (1 << codeSize) && codeSize < 12)
                {
                    codeSize++;
                }
            }
            else
            {
                Emit(clear, codeSize);
                _table.Clear();
                next = clear + 2;
                codeSize = _minCodeSize + 1;
            }

            prefix = k;
        }

        Emit(prefix, codeSize);
        Emit(end, codeSize);
        if (_bitCount > 0)
        {
            AddByte((byte)_bitBuffer);
            _bitBuffer = 0;
            _bitCount = 0;
        }

        FlushBlock();
    }

    private int Index(byte value)
    {
        if (value >= _colors)
        {
            throw new ArgumentException($"Pixel index {value} is outside the {_colors}-colour palette.");
        }

        return value;
    }

    private void Emit(int code, int size)
    {
        _bitBuffer |= code << _bitCount;
        _bitCount += size;
        while (_bitCount >= 8)
        {
            AddByte((byte)_bitBuffer);
            _bitBuffer >>= 8;
            _bitCount -= 8;
        }
    }

    private void AddByte(byte b)
    {
        _block[_blockLength++] = b;
        if (_blockLength == _block.Length)
        {
            FlushBlock();
        }
    }

    private void FlushBlock()
    {
        if (_blockLength > 0)
        {
            _output.WriteByte((byte)_blockLength);
            _output.Write(_block, 0, _blockLength);
            _blockLength = 0;
        }
    }

    private void Write(ReadOnlySpan<byte> bytes) => _output.Write(bytes);

    private void WriteUInt16(int v)
    {
        _output.WriteByte((byte)v);
        _output.WriteByte((byte)(v >> 8));
    }
}
