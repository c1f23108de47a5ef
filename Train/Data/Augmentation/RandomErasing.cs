namespace Harness.Train.Data.Augmentation;

/// <summary>What an erased rectangle is filled with.</summary>
public enum ErasingFill
{
    /// <summary>0 in pixel space (black; Fashion-MNIST's background), the Cutout choice.</summary>
    Zero,

    /// <summary>An independent uniform [0, 1] value per pixel and channel (timm's "pixel" mode, kept in range).</summary>
    Random,
}

/// <summary>The rectangle an erasing chose (rows Top..Top+Height−1, columns Left..Left+Width−1).</summary>
public readonly record struct ErasedRegion(int Top, int Left, int Height, int Width)
{
    public int Area => Height * Width;
}

/// <summary>
/// Random erasing / Cutout with torchvision's <c>RandomErasing</c> semantics: with probability p, up to 10 tries
/// of a target area drawn uniformly from [scaleMin, scaleMax]·H·W and an aspect ratio drawn log-uniformly from
/// [ratioMin, ratioMax]; h = round(√(area·ratio)), w = round(√(area/ratio)); the first try with h &lt; H and
/// w &lt; W is placed uniformly and filled. If no try fits, nothing is erased. Works in pixel space ([0, 1], before
/// normalization), so the zero fill is black rather than torchvision's post-normalization mean.
/// </summary>
public static class RandomErasing
{
    private const int Attempts = 10;

    /// <summary>Fills the rectangle <paramref name="region"/> of every channel.</summary>
    public static void Erase(Span<float> image, ImageShape shape, ErasedRegion region, ErasingFill fill, ref SplitMix64 random)
    {
        shape.Require(image);
        for (var c = 0; c < shape.Channels; c++)
        {
            for (var y = region.Top; y < region.Top + region.Height; y++)
            {
                var row = image.Slice(c * shape.Plane + y * shape.Width + region.Left, region.Width);
                if (fill == ErasingFill.Zero)
                {
                    row.Clear();
                }
                else
                {
                    foreach (ref var v in row)
                    {
                        v = (float)random.NextDouble();
                    }
                }
            }
        }
    }

    /// <summary>Erases with probability <paramref name="probability"/>; returns the erased region, or null.</summary>
    public static ErasedRegion? Apply(Span<float> image, ImageShape shape, double probability, double scaleMin, double scaleMax,
        double ratioMin, double ratioMax, ErasingFill fill, ref SplitMix64 random)
    {
        if (probability <= 0 || !random.Chance(probability))
        {
            return null;
        }

        var area = (double)shape.Plane;
        var logMin = Math.Log(ratioMin);
        var logMax = Math.Log(ratioMax);
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var target = area * random.Uniform(scaleMin, scaleMax);
            var ratio = Math.Exp(random.Uniform(logMin, logMax));
            var h = (int)Math.Round(Math.Sqrt(target * ratio));
            var w = (int)Math.Round(Math.Sqrt(target / ratio));
            if (h >= shape.Height || w >= shape.Width)
            {
                continue;
            }

            var region = new ErasedRegion(random.NextInt(shape.Height - h + 1), random.NextInt(shape.Width - w + 1), h, w);
            Erase(image, shape, region, fill, ref random);
            return region;
        }

        return null;
    }
}
