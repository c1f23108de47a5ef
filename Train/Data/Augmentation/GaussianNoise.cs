namespace Harness.Train.Data.Augmentation;

/// <summary>
/// Additive Gaussian input noise: v + σ·N(0, 1) independently per value, in pixel units ([0, 1] = 0..255), clipped to
/// [0, 1] so the result is still a valid image (which biases the noise at saturated pixels: black stays ≥ 0).
/// </summary>
public static class GaussianNoise
{
    public static void Apply(Span<float> image, double std, ref SplitMix64 random)
    {
        if (std <= 0)
        {
            return;
        }

        foreach (ref var v in image)
        {
            v = ColorAdjust.Clamp01(v + (float)(std * random.NextGaussian()));
        }
    }
}
