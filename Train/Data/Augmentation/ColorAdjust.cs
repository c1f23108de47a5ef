namespace Harness.Train.Data.Augmentation;

/// <summary>
/// torchvision's blend adjustments on [0, 1] pixels: out = clamp(f·image + (1 − f)·degenerate, 0, 1), where the
/// degenerate image is black (brightness), the mean grey level (contrast), the greyscale image (saturation) or a
/// 3×3 smoothed image (sharpness). A factor of 1 leaves the image unchanged.
/// </summary>
public static class ColorAdjust
{
    /// <summary>ITU-R 601 luma weights, as torchvision's <c>rgb_to_grayscale</c>.</summary>
    private const float LumaR = 0.2989f, LumaG = 0.587f, LumaB = 0.114f;

    /// <summary>Scales every value by <paramref name="factor"/> (torchvision <c>adjust_brightness</c>).</summary>
    public static void Brightness(Span<float> image, float factor)
    {
        foreach (ref var v in image)
        {
            v = Clamp01(v * factor);
        }
    }

    /// <summary>Blends with the image's mean grey level (torchvision <c>adjust_contrast</c>).</summary>
    public static void Contrast(Span<float> image, ImageShape shape, float factor)
    {
        shape.Require(image);
        double sum = 0;
        for (var i = 0; i < shape.Plane; i++)
        {
            sum += Gray(image, shape, i);
        }

        var mean = (float)(sum / shape.Plane);
        var shift = (1f - factor) * mean;
        foreach (ref var v in image)
        {
            v = Clamp01(factor * v + shift);
        }
    }

    /// <summary>
    /// Blends each pixel with its grey value (torchvision <c>adjust_saturation</c>, RandAugment's "Color"); an
    /// image of one channel is left unchanged, as in torchvision.
    /// </summary>
    public static void Saturation(Span<float> image, ImageShape shape, float factor)
    {
        shape.Require(image);
        if (shape.Channels != 3)
        {
            return;
        }

        for (var i = 0; i < shape.Plane; i++)
        {
            var gray = (1f - factor) * Gray(image, shape, i);
            for (var c = 0; c < 3; c++)
            {
                ref var v = ref image[c * shape.Plane + i];
                v = Clamp01(factor * v + gray);
            }
        }
    }

    /// <summary>
    /// Blends with a smoothed copy (kernel [[1,1,1],[1,5,1],[1,1,1]]/13 inside, border pixels kept), as torchvision
    /// <c>adjust_sharpness</c>: factors above 1 sharpen, below 1 blur.
    /// </summary>
    public static void Sharpness(Span<float> image, ImageShape shape, float factor, Span<float> scratch)
    {
        shape.Require(image);
        shape.RequireScratch(scratch);
        var (h, w) = (shape.Height, shape.Width);
        if (h < 3 || w < 3)
        {
            return;
        }

        var blurred = scratch[..shape.Size];
        image.CopyTo(blurred);
        for (var c = 0; c < shape.Channels; c++)
        {
            var src = image.Slice(c * shape.Plane, shape.Plane);
            var dst = blurred.Slice(c * shape.Plane, shape.Plane);
            for (var y = 1; y < h - 1; y++)
            {
                for (var x = 1; x < w - 1; x++)
                {
                    var sum = 4f * src[y * w + x];
                    for (var dy = -1; dy <= 1; dy++)
                    {
                        for (var dx = -1; dx <= 1; dx++)
                        {
                            sum += src[(y + dy) * w + x + dx];
                        }
                    }

                    dst[y * w + x] = sum / 13f;
                }
            }
        }

        for (var i = 0; i < image.Length; i++)
        {
            image[i] = Clamp01(factor * image[i] + (1f - factor) * blurred[i]);
        }
    }

    /// <summary>Grey value of pixel <paramref name="i"/> (the value itself for one channel).</summary>
    internal static float Gray(ReadOnlySpan<float> image, ImageShape shape, int i) =>
        shape.Channels == 3
            ? LumaR * image[i] + LumaG * image[shape.Plane + i] + LumaB * image[2 * shape.Plane + i]
            : image[i];

    internal static float Clamp01(float v) => v < 0f ? 0f : v > 1f ? 1f : v;
}
