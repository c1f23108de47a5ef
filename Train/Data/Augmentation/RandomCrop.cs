namespace Harness.Train.Data.Augmentation;

/// <summary>
/// Random crop with zero padding (torchvision <c>RandomCrop(size, padding=P)</c>): the image is padded by
/// <c>P</c> zero pixels on every side and cropped back to H×W at an offset (ox, oy) drawn uniformly from
/// [0, 2P]², so the content moves by (P − ox, P − oy) pixels and what leaves the frame is replaced by 0.
/// </summary>
public static class RandomCrop
{
    /// <summary>Pads by <paramref name="padding"/> and crops at (<paramref name="offsetX"/>, <paramref name="offsetY"/>) in place.</summary>
    public static void Crop(Span<float> image, ImageShape shape, int padding, int offsetX, int offsetY, Span<float> scratch)
    {
        shape.Require(image);
        shape.RequireScratch(scratch);
        if (offsetX < 0 || offsetX > 2 * padding || offsetY < 0 || offsetY > 2 * padding)
        {
            throw new ArgumentOutOfRangeException(nameof(offsetX), $"Offset ({offsetX}, {offsetY}) is outside [0, {2 * padding}].");
        }

        var dx = offsetX - padding;
        var dy = offsetY - padding;
        if (dx == 0 && dy == 0)
        {
            return;
        }

        var (h, w) = (shape.Height, shape.Width);
        var copy = scratch[..shape.Size];
        image.CopyTo(copy);
        image.Clear();
        var x0 = Math.Max(0, -dx);
        var x1 = Math.Min(w, w - dx);
        if (x1 <= x0)
        {
            return;
        }

        for (var c = 0; c < shape.Channels; c++)
        {
            var plane = c * shape.Plane;
            for (var y = Math.Max(0, -dy); y < Math.Min(h, h - dy); y++)
            {
                copy.Slice(plane + (y + dy) * w + x0 + dx, x1 - x0).CopyTo(image.Slice(plane + y * w + x0, x1 - x0));
            }
        }
    }

    /// <summary>Draws the offset from <paramref name="random"/> and crops.</summary>
    public static void Apply(Span<float> image, ImageShape shape, int padding, ref SplitMix64 random, Span<float> scratch)
    {
        if (padding <= 0)
        {
            return;
        }

        var ox = random.NextInt(2 * padding + 1);
        var oy = random.NextInt(2 * padding + 1);
        Crop(image, shape, padding, ox, oy, scratch);
    }
}
