namespace Harness.Train.Data.Augmentation;

/// <summary>
/// Small random rotation and translation (torchvision <c>RandomAffine(degrees=R, translate=(T, T))</c>): angle
/// uniform in [−R, R] degrees, shifts uniform in [−T·W, T·W] and [−T·H, T·H] rounded to whole pixels as torchvision
/// does, bilinear sampling, fill 0.
/// </summary>
public static class RandomAffine
{
    /// <summary>Draws angle and shift and resamples <paramref name="image"/> in place.</summary>
    public static void Apply(Span<float> image, ImageShape shape, double maxDegrees, double maxTranslate,
        ref SplitMix64 random, Span<float> scratch)
    {
        if (maxDegrees <= 0 && maxTranslate <= 0)
        {
            return;
        }

        shape.RequireScratch(scratch);
        var degrees = maxDegrees > 0 ? random.Uniform(-maxDegrees, maxDegrees) : 0;
        var tx = maxTranslate > 0 ? Math.Round(random.Uniform(-maxTranslate, maxTranslate) * shape.Width) : 0;
        var ty = maxTranslate > 0 ? Math.Round(random.Uniform(-maxTranslate, maxTranslate) * shape.Height) : 0;
        var copy = scratch[..shape.Size];
        image.CopyTo(copy);
        AffineSampler.RotateTranslate(copy, image, shape, degrees, tx, ty);
    }
}
