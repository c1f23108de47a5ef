namespace Harness.Train.Data.Augmentation;

/// <summary>
/// Pointwise tone maps of RandAugment on [0, 1] pixels, as torchvision defines them on 8-bit images: posterize,
/// solarize and per-channel autocontrast.
/// </summary>
public static class ToneMaps
{
    /// <summary>Keeps the top <paramref name="bits"/> bits of each 8-bit value (value rounded to the 8-bit grid first).</summary>
    public static void Posterize(Span<float> image, int bits)
    {
        if (bits is < 0 or > 8)
        {
            throw new ArgumentOutOfRangeException(nameof(bits), $"Posterize keeps 0 to 8 bits, not {bits}.");
        }

        var mask = (byte)(0xFF << (8 - bits));
        foreach (ref var v in image)
        {
            v = (ToByte(v) & mask) / 255f;
        }
    }

    /// <summary>Inverts (v → 1 − v) every value at or above <paramref name="threshold"/>.</summary>
    public static void Solarize(Span<float> image, float threshold)
    {
        foreach (ref var v in image)
        {
            if (v >= threshold)
            {
                v = 1f - v;
            }
        }
    }

    /// <summary>Stretches each channel linearly so its minimum becomes 0 and its maximum 1 (flat channels stay).</summary>
    public static void AutoContrast(Span<float> image, ImageShape shape)
    {
        shape.Require(image);
        for (var c = 0; c < shape.Channels; c++)
        {
            var plane = image.Slice(c * shape.Plane, shape.Plane);
            float min = float.MaxValue, max = float.MinValue;
            foreach (var v in plane)
            {
                min = Math.Min(min, v);
                max = Math.Max(max, v);
            }

            if (max <= min)
            {
                continue;
            }

            var scale = 1f / (max - min);
            foreach (ref var v in plane)
            {
                v = ColorAdjust.Clamp01((v - min) * scale);
            }
        }
    }

    /// <summary>Nearest 8-bit level of a [0, 1] value.</summary>
    internal static byte ToByte(float v) => (byte)Math.Clamp((int)MathF.Round(v * 255f), 0, 255);
}
