using Harness.Train.Data;
using Harness.Train.Data.Augmentation;
using NUnit.Framework;

namespace Harness.Tests.Train.Data;

[TestFixture]
public sealed class GeometricAugmentationTests
{
    private static readonly ImageShape Rgb = new(3, 5, 7);

    [Test]
    public void FlipMirrorsEveryRowAndTwiceIsIdentity()
    {
        var original = TestImages.Coded(Rgb);
        var image = (float[])original.Clone();
        HorizontalFlip.Flip(image, Rgb);
        for (var c = 0; c < 3; c++)
        {
            for (var y = 0; y < Rgb.Height; y++)
            {
                for (var x = 0; x < Rgb.Width; x++)
                {
                    Assert.That(TestImages.At(image, Rgb, c, y, x), Is.EqualTo(TestImages.At(original, Rgb, c, y, Rgb.Width - 1 - x)));
                }
            }
        }

        HorizontalFlip.Flip(image, Rgb);
        Assert.That(image, Is.EqualTo(original));
    }

    [Test]
    public void FlipProbabilityZeroNeverFlipsAndOneAlwaysFlips()
    {
        var image = TestImages.Coded(Rgb);
        var random = new SplitMix64(3);
        Assert.That(Enumerable.Range(0, 50).Count(_ => HorizontalFlip.Apply(image, Rgb, 0, ref random)), Is.Zero);
        Assert.That(Enumerable.Range(0, 50).Count(_ => HorizontalFlip.Apply(image, Rgb, 1, ref random)), Is.EqualTo(50));
    }

    [Test]
    public void CropWithoutPaddingOrAtTheCentreOffsetIsIdentity()
    {
        var original = TestImages.Coded(Rgb);
        var image = (float[])original.Clone();
        var scratch = new float[Rgb.Size];
        var random = new SplitMix64(1);
        RandomCrop.Apply(image, Rgb, 0, ref random, scratch);
        RandomCrop.Crop(image, Rgb, 0, 0, 0, scratch);
        RandomCrop.Crop(image, Rgb, 3, 3, 3, scratch);
        Assert.That(image, Is.EqualTo(original));
    }

    [Test]
    public void CropWithPaddingMovesContentByTheOffsetAndFillsZero()
    {
        const int padding = 2;
        var original = TestImages.Coded(Rgb);
        var scratch = new float[Rgb.Size];
        for (var oy = 0; oy <= 2 * padding; oy++)
        {
            for (var ox = 0; ox <= 2 * padding; ox++)
            {
                var image = (float[])original.Clone();
                RandomCrop.Crop(image, Rgb, padding, ox, oy, scratch);
                for (var c = 0; c < 3; c++)
                {
                    for (var y = 0; y < Rgb.Height; y++)
                    {
                        for (var x = 0; x < Rgb.Width; x++)
                        {
                            var (sy, sx) = (y + oy - padding, x + ox - padding);
                            var inside = sy >= 0 && sy < Rgb.Height && sx >= 0 && sx < Rgb.Width;
                            var expected = inside ? TestImages.At(original, Rgb, c, sy, sx) : 0f;
                            Assert.That(TestImages.At(image, Rgb, c, y, x), Is.EqualTo(expected), $"offset ({ox},{oy}) at c{c} ({x},{y})");
                        }
                    }
                }
            }
        }
    }

    [Test]
    public void RandomCropDrawsEveryOffset()
    {
        var shape = new ImageShape(1, 3, 3);
        var scratch = new float[shape.Size];
        var seen = new HashSet<string>();
        for (ulong s = 0; s < 400; s++)
        {
            var image = TestImages.Coded(shape);
            var random = new SplitMix64(s);
            RandomCrop.Apply(image, shape, 1, ref random, scratch);
            seen.Add(string.Join(",", image));
        }

        Assert.That(seen, Has.Count.EqualTo(9), "3×3 offsets of padding 1 give 9 distinct crops");
    }

    [Test]
    public void RotationByZeroIsIdentity()
    {
        var original = TestImages.Random(Rgb, 5);
        var image = new float[Rgb.Size];
        AffineSampler.RotateTranslate(original, image, Rgb, 0, 0, 0);
        Assert.That(image, Is.EqualTo(original));
    }

    [Test]
    public void RotationBy90OnASquareIsTransposeThenVerticalFlip([Values(4, 5)] int size)
    {
        // Counter-clockwise on screen (torchvision's sign): the top-right pixel goes to the top-left corner,
        // out[y][x] = in[x][W−1−y], i.e. transpose then flip the rows. Exact: bilinear at grid points copies pixels.
        var shape = new ImageShape(2, size, size);
        var original = TestImages.Random(shape, 9);
        var image = new float[shape.Size];
        AffineSampler.RotateTranslate(original, image, shape, 90, 0, 0);
        for (var c = 0; c < 2; c++)
        {
            for (var y = 0; y < size; y++)
            {
                for (var x = 0; x < size; x++)
                {
                    Assert.That(TestImages.At(image, shape, c, y, x), Is.EqualTo(TestImages.At(original, shape, c, x, size - 1 - y)));
                }
            }
        }

        var back = new float[shape.Size];
        AffineSampler.RotateTranslate(image, back, shape, -90, 0, 0);
        Assert.That(back, Is.EqualTo(original));
    }

    [Test]
    public void WholePixelTranslationShiftsAndFillsZero()
    {
        var original = TestImages.Coded(Rgb);
        var image = new float[Rgb.Size];
        AffineSampler.RotateTranslate(original, image, Rgb, 0, 2, -1);
        for (var y = 0; y < Rgb.Height; y++)
        {
            for (var x = 0; x < Rgb.Width; x++)
            {
                var (sy, sx) = (y + 1, x - 2);
                var expected = sy < Rgb.Height && sx >= 0 ? TestImages.At(original, Rgb, 1, sy, sx) : 0f;
                Assert.That(TestImages.At(image, Rgb, 1, y, x), Is.EqualTo(expected));
            }
        }
    }

    [Test]
    public void HalfPixelShiftAveragesNeighbours()
    {
        var shape = new ImageShape(1, 1, 4);
        float[] original = [0f, 0.4f, 0.8f, 0.2f];
        var image = new float[4];
        AffineSampler.RotateTranslate(original, image, shape, 0, 0.5, 0);
        Assert.That(image, Is.EqualTo(new[] { 0f, 0.2f, 0.6f, 0.5f }).Within(1e-6));
    }

    [Test]
    public void ShearAtMagnitudeZeroIsIdentityAndKeepsTheTopRow()
    {
        var shape = new ImageShape(1, 6, 6);
        var original = TestImages.Random(shape, 2);
        var scratch = new float[shape.Size];
        var image = (float[])original.Clone();
        RandAugment.ApplyOp(image, shape, RandAugmentOp.ShearX, 0, false, scratch);
        Assert.That(image, Is.EqualTo(original));
        RandAugment.ApplyOp(image, shape, RandAugmentOp.ShearX, 30, false, scratch);
        Assert.That(image.AsSpan(0, 6).ToArray(), Is.EqualTo(original.AsSpan(0, 6).ToArray()), "shear about the top row");
        Assert.That(image, Is.Not.EqualTo(original));
    }
}
