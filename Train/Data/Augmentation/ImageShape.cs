namespace Harness.Train.Data.Augmentation;

/// <summary>
/// Layout of one image as the augmentations see it: <see cref="Channels"/> planes of <see cref="Height"/> rows of
/// <see cref="Width"/> values, row-major (C×H×W), float pixels in [0, 1] (byte/255, before normalization).
/// </summary>
public readonly record struct ImageShape(int Channels, int Height, int Width)
{
    /// <summary>Values per channel plane (H·W).</summary>
    public int Plane => Height * Width;

    /// <summary>Values per image (C·H·W).</summary>
    public int Size => Channels * Height * Width;

    /// <summary>Throws when <paramref name="image"/> is not exactly one image of this shape.</summary>
    internal void Require(ReadOnlySpan<float> image)
    {
        if (image.Length != Size)
        {
            throw new ArgumentException($"Image of {image.Length} values is not {Channels}×{Height}×{Width}.");
        }
    }

    /// <summary>Throws when <paramref name="scratch"/> cannot hold one image of this shape.</summary>
    internal void RequireScratch(Span<float> scratch)
    {
        if (scratch.Length < Size)
        {
            throw new ArgumentException($"Scratch of {scratch.Length} values cannot hold {Channels}×{Height}×{Width}.");
        }
    }
}
