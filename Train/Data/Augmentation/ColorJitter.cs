namespace Harness.Train.Data.Augmentation;

/// <summary>
/// Brightness and contrast jitter (torchvision <c>ColorJitter(brightness=B, contrast=C)</c>): factors drawn
/// uniformly from [max(0, 1 − B), 1 + B] and [max(0, 1 − C), 1 + C], applied in that fixed order (torchvision
/// shuffles the order; a fixed order keeps the stream of random numbers simple).
/// </summary>
public static class ColorJitter
{
    public static void Apply(Span<float> image, ImageShape shape, double brightness, double contrast, ref SplitMix64 random)
    {
        if (brightness > 0)
        {
            ColorAdjust.Brightness(image, (float)random.Uniform(Math.Max(0, 1 - brightness), 1 + brightness));
        }

        if (contrast > 0)
        {
            ColorAdjust.Contrast(image, shape, (float)random.Uniform(Math.Max(0, 1 - contrast), 1 + contrast));
        }
    }
}
