namespace Harness.Train.Data.Augmentation;

/// <summary>
/// Histogram equalization per channel on the 8-bit grid, exactly torchvision's <c>equalize</c> (itself PIL's
/// <c>ImageOps.equalize</c>): step = ⌊(count of all pixels but those of the highest occupied level) / 255⌋;
/// level k maps to ⌊(cumulative count below k + ⌊step/2⌋) / step⌋ clamped to 255; a channel with step 0 is kept.
/// </summary>
public static class Equalize
{
    public static void Apply(Span<float> image, ImageShape shape)
    {
        shape.Require(image);
        Span<int> histogram = stackalloc int[256];
        Span<byte> lut = stackalloc byte[256];
        for (var c = 0; c < shape.Channels; c++)
        {
            var plane = image.Slice(c * shape.Plane, shape.Plane);
            histogram.Clear();
            foreach (var v in plane)
            {
                histogram[ToneMaps.ToByte(v)]++;
            }

            var last = 255;
            while (histogram[last] == 0)
            {
                last--;
            }

            var step = (plane.Length - histogram[last]) / 255;
            if (step == 0)
            {
                continue;
            }

            var cumulative = 0;
            for (var k = 0; k < 256; k++)
            {
                lut[k] = (byte)Math.Min(255, (cumulative + step / 2) / step);
                cumulative += histogram[k];
            }

            foreach (ref var v in plane)
            {
                v = lut[ToneMaps.ToByte(v)] / 255f;
            }
        }
    }
}
