namespace Harness.Train.Data.Augmentation;

/// <summary>
/// RandAugment (Cubuk et al. 2020) as torchvision implements it: <see cref="N"/> operations, each drawn uniformly
/// from <see cref="RandAugmentOp"/> (repeats allowed), all at magnitude <see cref="M"/> of 0..30; geometric ops use
/// bilinear sampling and fill 0. Every op suits grey and RGB images alike.
/// </summary>
public sealed class RandAugment
{
    /// <summary>torchvision's <c>num_magnitude_bins</c> − 1: magnitudes are fractions M/30 of each op's maximum.</summary>
    public const int MaxMagnitude = 30;

    private static readonly RandAugmentOp[] Ops = Enum.GetValues<RandAugmentOp>();

    public RandAugment(int n, int m)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        if (m is < 0 or > MaxMagnitude)
        {
            throw new ArgumentOutOfRangeException(nameof(m), $"RandAugment magnitude {m} is outside 0..{MaxMagnitude}.");
        }

        N = n;
        M = m;
    }

    /// <summary>Operations per image.</summary>
    public int N { get; }

    /// <summary>Magnitude, 0..30.</summary>
    public int M { get; }

    /// <summary>Applies <see cref="N"/> random ops in place.</summary>
    public void Apply(Span<float> image, ImageShape shape, ref SplitMix64 random, Span<float> scratch)
    {
        for (var i = 0; i < N; i++)
        {
            var op = Ops[random.NextInt(Ops.Length)];
            var negative = random.Chance(0.5);
            ApplyOp(image, shape, op, M, negative, scratch);
        }
    }

    /// <summary>Applies one op at magnitude <paramref name="m"/>; <paramref name="negative"/> flips the sign of ± ops.</summary>
    public static void ApplyOp(Span<float> image, ImageShape shape, RandAugmentOp op, int m, bool negative, Span<float> scratch)
    {
        shape.Require(image);
        shape.RequireScratch(scratch);
        var fraction = (double)m / MaxMagnitude;
        var sign = negative ? -1.0 : 1.0;
        var copy = scratch[..shape.Size];
        switch (op)
        {
            case RandAugmentOp.Identity:
                break;
            case RandAugmentOp.ShearX:
            {
                var s = sign * 0.3 * fraction;
                image.CopyTo(copy);
                AffineSampler.Sample(copy, image, shape, 1, s, 0, 1, s * (shape.Height - 1) * 0.5, 0);
                break;
            }

            case RandAugmentOp.ShearY:
            {
                var s = sign * 0.3 * fraction;
                image.CopyTo(copy);
                AffineSampler.Sample(copy, image, shape, 1, 0, s, 1, 0, s * (shape.Width - 1) * 0.5);
                break;
            }

            case RandAugmentOp.TranslateX:
                image.CopyTo(copy);
                AffineSampler.RotateTranslate(copy, image, shape, 0, sign * Math.Truncate(150.0 / 331.0 * shape.Width * fraction), 0);
                break;
            case RandAugmentOp.TranslateY:
                image.CopyTo(copy);
                AffineSampler.RotateTranslate(copy, image, shape, 0, 0, sign * Math.Truncate(150.0 / 331.0 * shape.Height * fraction));
                break;
            case RandAugmentOp.Rotate:
                image.CopyTo(copy);
                AffineSampler.RotateTranslate(copy, image, shape, sign * 30.0 * fraction, 0, 0);
                break;
            case RandAugmentOp.Brightness:
                ColorAdjust.Brightness(image, (float)(1 + sign * 0.9 * fraction));
                break;
            case RandAugmentOp.Color:
                ColorAdjust.Saturation(image, shape, (float)(1 + sign * 0.9 * fraction));
                break;
            case RandAugmentOp.Contrast:
                ColorAdjust.Contrast(image, shape, (float)(1 + sign * 0.9 * fraction));
                break;
            case RandAugmentOp.Sharpness:
                ColorAdjust.Sharpness(image, shape, (float)(1 + sign * 0.9 * fraction), scratch);
                break;
            case RandAugmentOp.Posterize:
                ToneMaps.Posterize(image, 8 - (int)Math.Round(m / 7.5));
                break;
            case RandAugmentOp.Solarize:
                ToneMaps.Solarize(image, (float)(1.0 - fraction));
                break;
            case RandAugmentOp.AutoContrast:
                ToneMaps.AutoContrast(image, shape);
                break;
            case RandAugmentOp.Equalize:
                Equalize.Apply(image, shape);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(op), op, "Unknown RandAugment op.");
        }
    }
}
