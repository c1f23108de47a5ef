namespace Harness.Train.Data.Augmentation;

/// <summary>
/// Mirror left–right (torchvision <c>RandomHorizontalFlip(p)</c>). Only label-preserving for datasets whose classes
/// look the same mirrored (CIFAR-10's animals and vehicles); the configuration keeps it off elsewhere by default.
/// </summary>
public static class HorizontalFlip
{
    /// <summary>Mirrors every row of every plane in place.</summary>
    public static void Flip(Span<float> image, ImageShape shape)
    {
        shape.Require(image);
        for (var row = 0; row < shape.Channels * shape.Height; row++)
        {
            image.Slice(row * shape.Width, shape.Width).Reverse();
        }
    }

    /// <summary>Flips with probability <paramref name="probability"/>; returns whether it did.</summary>
    public static bool Apply(Span<float> image, ImageShape shape, double probability, ref SplitMix64 random)
    {
        if (probability <= 0 || !random.Chance(probability))
        {
            return false;
        }

        Flip(image, shape);
        return true;
    }
}
