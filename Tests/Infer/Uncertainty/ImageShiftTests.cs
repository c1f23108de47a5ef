using Harness.Infer.Uncertainty;
using Harness.Train.Data;
using NUnit.Framework;

namespace Harness.Tests.Infer.Uncertainty;

/// <summary>The shifted-image generators: parsing, determinism from the seed, and what each shift does to pixels.</summary>
[TestFixture]
public class ImageShiftTests
{
    /// <summary>Normalization that leaves [0, 1] pixels as they are, so the model inputs are the shifted pixels.</summary>
    private static readonly Normalization Identity = new([0f], [1f]);

    [TestCase("rotate:60:90", ShiftKind.Rotation)]
    [TestCase("noise:0.5", ShiftKind.GaussianNoise)]
    [TestCase("invert", ShiftKind.Inversion)]
    [TestCase("OCCLUDE:0.5", ShiftKind.Occlusion)]
    public void ParsesAndRoundTrips(string spec, ShiftKind kind)
    {
        var shift = ImageShift.Parse(spec);
        Assert.That(shift.Kind, Is.EqualTo(kind));
        Assert.That(ImageShift.Parse(shift.Name), Is.EqualTo(shift));
    }

    [TestCase("spin")]
    [TestCase("rotate:90:60")]
    [TestCase("noise")]
    [TestCase("noise:-1")]
    [TestCase("occlude:1.5")]
    [TestCase("invert:1")]
    [TestCase("noise:abc")]
    public void RejectsBadSpecsNamingTheAllowedForms(string spec)
    {
        var error = Assert.Throws<FormatException>(() => ImageShift.Parse(spec))!;
        Assert.That(error.Message, Does.Contain(spec).And.Contain("rotate:MIN:MAX"));
    }

    [TestCase("rotate:60:90")]
    [TestCase("noise:0.3")]
    [TestCase("occlude:0.5")]
    public void SameSeedSameImagesOtherSeedOtherImages(string spec)
    {
        var data = Images(12, 1, 8, 8, seed: 1);
        var shift = ImageShift.Parse(spec);
        var a = shift.CreateInputs(data, Identity, seed: 5);
        Assert.Multiple(() =>
        {
            Assert.That(shift.CreateInputs(data, Identity, seed: 5), Is.EqualTo(a));
            Assert.That(shift.CreateInputs(data, Identity, seed: 6), Is.Not.EqualTo(a));
            Assert.That(a, Is.Not.EqualTo(ModelInputs.Normalize(data, Identity)), "the shift changes the images");
        });
    }

    [Test]
    public void InversionIsOneMinusPixelThenNormalized()
    {
        var data = Images(3, 2, 4, 4, seed: 2);
        var normalization = new Normalization([0.3f, 0.6f], [0.5f, 2f]);
        var inputs = ImageShift.Parse("invert").CreateInputs(data, normalization, seed: 0);
        var expected = new float[inputs.Length];
        for (var j = 0; j < expected.Length; j++)
        {
            var c = j % data.SampleSize / 16;
            expected[j] = (1f - data.Pixels[j] / 255f - normalization.Mean[c]) / normalization.Std[c];
        }

        // Float32 arithmetic in a different order: a few ulps of values ≤ ~3.
        Assert.That(inputs, Is.EqualTo(expected).Within(Tolerances.Float32ClosedForm));
    }

    [Test]
    public void QuarterTurnsCopyPixelsInBothDirections()
    {
        const int n = 16, side = 5;
        var data = Images(n, 1, side, side, seed: 3);
        var inputs = ImageShift.Parse("rotate:90:90").CreateInputs(data, Identity, seed: 9);
        var (counterClockwise, clockwise) = (0, 0);
        for (var i = 0; i < n; i++)
        {
            var src = data.Pixels.AsSpan(i * side * side, side * side).ToArray();
            var dst = inputs.AsSpan(i * side * side, side * side).ToArray();
            bool Matches(Func<int, int, int> source)
            {
                for (var y = 0; y < side; y++)
                {
                    for (var x = 0; x < side; x++)
                    {
                        if (dst[y * side + x] != src[source(y, x)] / 255f)
                        {
                            return false;
                        }
                    }
                }

                return true;
            }

            counterClockwise += Matches((y, x) => x * side + (side - 1 - y)) ? 1 : 0;
            clockwise += Matches((y, x) => (side - 1 - x) * side + y) ? 1 : 0;
        }

        Assert.That(counterClockwise + clockwise, Is.EqualTo(n), "every image is an exact quarter turn");
        Assert.That(Math.Min(counterClockwise, clockwise), Is.GreaterThan(0), "both directions occur");
    }

    [Test]
    public void NoiseHasTheRequestedSpread()
    {
        // Mid-grey images (128/255) are far from the clipping bounds at σ = 0.1 (≥ 5σ), so the added noise is
        // N(0, 0.1²): over 20·256 values the sample mean is within 5·0.1/√5120 = 0.007 of 0 and the sample std within
        // ~5 % of 0.1 (relative SE √(1/(2·5120)) ≈ 1 %).
        var data = new ImageDataset(Enumerable.Repeat((byte)128, 20 * 256).ToArray(), new byte[20], 1, 16, 16, 1);
        var inputs = ImageShift.Parse("noise:0.1").CreateInputs(data, Identity, seed: 4);
        var deltas = inputs.Select(v => v - 128 / 255.0).ToArray();
        var mean = deltas.Average();
        var std = Math.Sqrt(deltas.Select(d => (d - mean) * (d - mean)).Average());
        Assert.That(mean, Is.EqualTo(0).Within(0.007));
        Assert.That(std, Is.EqualTo(0.1).Within(0.005));
    }

    [Test]
    public void OcclusionFillsOneSquareBoxOfTheRequestedSide()
    {
        var data = new ImageDataset(new byte[10 * 64], new byte[10], 1, 8, 8, 1);
        var inputs = ImageShift.Parse("occlude:0.5").CreateInputs(data, Identity, seed: 1);
        for (var i = 0; i < 10; i++)
        {
            var lit = Enumerable.Range(0, 64).Where(j => inputs[i * 64 + j] != 0).ToArray();
            var rows = lit.Select(j => j / 8).ToArray();
            var cols = lit.Select(j => j % 8).ToArray();
            Assert.That(lit, Has.Length.EqualTo(16), $"image {i}: a 4×4 box of uniform noise on black");
            Assert.That((rows.Max() - rows.Min(), cols.Max() - cols.Min()), Is.EqualTo((3, 3)), $"image {i}: one square");
        }
    }

    internal static ImageDataset Images(int count, int channels, int height, int width, int seed, int classes = 3)
    {
        var random = new Random(seed);
        var pixels = new byte[count * channels * height * width];
        random.NextBytes(pixels);
        var labels = Enumerable.Range(0, count).Select(_ => (byte)random.Next(classes)).ToArray();
        return new ImageDataset(pixels, labels, channels, height, width, classes);
    }
}
