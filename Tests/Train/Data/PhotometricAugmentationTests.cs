using Harness.Train.Data;
using Harness.Train.Data.Augmentation;
using NUnit.Framework;

namespace Harness.Tests.Train.Data;

[TestFixture]
public sealed class PhotometricAugmentationTests
{
    [Test]
    public void ErasedAreaAndAspectStayInTheConfiguredRanges()
    {
        var shape = new ImageShape(2, 64, 48);
        const double scaleMin = 0.05, scaleMax = 0.2, ratioMin = 0.5, ratioMax = 2;
        for (ulong s = 0; s < 200; s++)
        {
            var image = Enumerable.Repeat(1f, shape.Size).ToArray();
            var random = new SplitMix64(s);
            var region = RandomErasing.Apply(image, shape, 1, scaleMin, scaleMax, ratioMin, ratioMax, ErasingFill.Zero, ref random);
            Assert.That(region, Is.Not.Null);
            var r = region!.Value;

            // h and w are rounded to whole pixels: each moves by at most ½, so the area by at most (h + w)/2 + ¼.
            var slack = (r.Height + r.Width) / 2.0 + 0.25;
            Assert.That(r.Area, Is.InRange(scaleMin * shape.Plane - slack, scaleMax * shape.Plane + slack));
            Assert.That((r.Height - 0.5) / (r.Width + 0.5), Is.LessThanOrEqualTo(ratioMax));
            Assert.That((r.Height + 0.5) / (r.Width - 0.5), Is.GreaterThanOrEqualTo(ratioMin));
            Assert.That(r.Top + r.Height, Is.LessThanOrEqualTo(shape.Height));
            Assert.That(r.Left + r.Width, Is.LessThanOrEqualTo(shape.Width));
            for (var c = 0; c < 2; c++)
            {
                for (var y = 0; y < shape.Height; y++)
                {
                    for (var x = 0; x < shape.Width; x++)
                    {
                        var inside = y >= r.Top && y < r.Top + r.Height && x >= r.Left && x < r.Left + r.Width;
                        Assert.That(image[c * shape.Plane + y * shape.Width + x], Is.EqualTo(inside ? 0f : 1f));
                    }
                }
            }
        }
    }

    [Test]
    public void ErasingHappensWithItsProbabilityAndRandomFillStaysInRange()
    {
        var shape = new ImageShape(3, 16, 16);
        var erased = 0;
        for (ulong s = 0; s < 2000; s++)
        {
            var image = Enumerable.Repeat(-1f, shape.Size).ToArray();
            var random = new SplitMix64(s);
            if (RandomErasing.Apply(image, shape, 0.3, 0.02, 0.33, 0.3, 3.3, ErasingFill.Random, ref random) is { } r)
            {
                erased++;
                var filled = image.Where(v => v != -1f).ToArray();
                Assert.That(filled, Has.Length.EqualTo(3 * r.Area));
                Assert.That(filled, Has.All.InRange(0f, 1f));
            }
        }

        // Binomial(2000, 0.3): σ ≈ 20.5; 5σ ≈ 0.05 of the trials.
        Assert.That(erased / 2000.0, Is.EqualTo(0.3).Within(0.05));
    }

    [Test]
    public void NoiseHasTheConfiguredMeanAndStd()
    {
        const double sigma = 0.05;
        var image = Enumerable.Repeat(0.5f, 100_000).ToArray();
        var random = new SplitMix64(11);
        GaussianNoise.Apply(image, sigma, ref random);
        var mean = image.Average(v => v - 0.5);
        var std = Math.Sqrt(image.Average(v => (v - 0.5 - mean) * (v - 0.5 - mean)));

        // n = 1e5: the sample mean's σ is 1.6e−4 (5σ = 8e−4); the sample std's relative σ is 1/√(2n) = 0.22% (5σ ≈ 1.1%).
        Assert.That(mean, Is.EqualTo(0).Within(8e-4));
        Assert.That(std, Is.EqualTo(sigma).Within(sigma * 0.011));
    }

    [Test]
    public void ContrastZeroGivesTheMeanGreyAndBrightnessOneChangesNothing()
    {
        var shape = new ImageShape(3, 4, 4);
        var original = TestImages.Random(shape, 4);
        var image = (float[])original.Clone();
        ColorAdjust.Brightness(image, 1f);
        Assert.That(image, Is.EqualTo(original));
        ColorAdjust.Contrast(image, shape, 0f);
        var grey = Enumerable.Range(0, shape.Plane)
            .Average(i => 0.2989 * original[i] + 0.587 * original[16 + i] + 0.114 * original[32 + i]);
        Assert.That(image, Has.All.EqualTo(grey).Within(1e-6));
    }

    [Test]
    public void ToneMapsDoWhatTheirNamesSay()
    {
        var shape = new ImageShape(1, 8, 8);
        var original = TestImages.Random(shape, 6).Select(v => 0.2f + 0.5f * v).ToArray();

        var image = (float[])original.Clone();
        ToneMaps.AutoContrast(image, shape);
        Assert.That(image.Min(), Is.Zero);
        Assert.That(image.Max(), Is.EqualTo(1f));

        image = (float[])original.Clone();
        ToneMaps.Posterize(image, 4);
        Assert.That(image.Select(v => (int)MathF.Round(v * 255f) % 16), Has.All.Zero);

        image = (float[])original.Clone();
        ToneMaps.Solarize(image, 0.45f);
        for (var i = 0; i < image.Length; i++)
        {
            Assert.That(image[i], Is.EqualTo(original[i] >= 0.45f ? 1f - original[i] : original[i]));
        }
    }

    [Test]
    public void EqualizeMatchesTorchvision()
    {
        // Expected levels from torchvision 0.14's _scale_channel (run with Debian's python3-torch on this image):
        // for level 40 + k, the output level (−1 where the level does not occur).
        int[] expected =
        [
            0, -1, 11, -1, 23, 34, -1, 45, -1, -1, 56, 68, -1, -1, -1, -1, -1, 79, 90, -1, 101, 113, 124, -1, -1, -1,
            135, -1, 146, -1, 152, -1, -1, -1, 163, 174, 186, -1, 197, 208, -1, -1, -1, -1, -1, 219, 230, -1, -1, 241,
            -1, 253, 255, -1, 255, -1, 255, 255, 255, 255, 255,
        ];
        var shape = new ImageShape(1, 32, 32);
        var levels = Enumerable.Range(0, shape.Size).Select(i => 40 + (int)(((long)i * i * 7 + 3 * i) % 61)).ToArray();
        var image = levels.Select(l => l / 255f).ToArray();
        Equalize.Apply(image, shape);
        for (var i = 0; i < image.Length; i++)
        {
            Assert.That(image[i] * 255f, Is.EqualTo(expected[levels[i] - 40]).Within(1e-3), $"level {levels[i]}");
        }
    }

    [Test]
    public void EveryRandAugmentOpKeepsValuesInRange([Values(1, 3)] int channels)
    {
        var shape = new ImageShape(channels, 12, 10);
        var scratch = new float[shape.Size];
        foreach (var op in Enum.GetValues<RandAugmentOp>())
        {
            foreach (var m in new[] { 0, 9, 30 })
            {
                foreach (var negative in new[] { false, true })
                {
                    var image = TestImages.Random(shape, (ulong)(m + 100 * (int)op));
                    RandAugment.ApplyOp(image, shape, op, m, negative, scratch);
                    Assert.That(image, Has.All.InRange(0f, 1f), $"{op} M={m} negative={negative}");
                }
            }
        }
    }

    [Test]
    public void RandAugmentChangesImagesAndRepeatsWithTheSeed()
    {
        var shape = new ImageShape(3, 16, 16);
        var randAugment = new RandAugment(2, 15);
        var scratch = new float[shape.Size];
        var changed = 0;
        for (ulong s = 0; s < 20; s++)
        {
            var a = TestImages.Random(shape, 1);
            var b = TestImages.Random(shape, 1);
            var ra = new SplitMix64(s);
            var rb = new SplitMix64(s);
            randAugment.Apply(a, shape, ref ra, scratch);
            randAugment.Apply(b, shape, ref rb, scratch);
            Assert.That(a, Is.EqualTo(b));
            changed += a.SequenceEqual(TestImages.Random(shape, 1)) ? 0 : 1;
        }

        Assert.That(changed, Is.GreaterThan(15), "two ops of 14 at M=15 leave an image unchanged only if both are Identity");
    }
}
