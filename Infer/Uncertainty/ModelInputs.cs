using Harness.Train.Data;

namespace Harness.Infer.Uncertainty;

/// <summary>Turns image datasets into the float rows a model reads: x = (pixel/255 − mean[c]) / std[c].</summary>
public static class ModelInputs
{
    /// <summary>All images of <paramref name="data"/>, normalized, row-major [N, C·H·W].</summary>
    public static float[] Normalize(ImageDataset data, Normalization normalization)
    {
        ArgumentNullException.ThrowIfNull(data);
        RequireChannels(data, normalization);
        var indices = Enumerable.Range(0, data.Count).ToArray();
        var inputs = new float[data.Count * data.SampleSize];
        data.Gather(indices, normalization.Mean, normalization.Std, inputs, new long[data.Count]);
        return inputs;
    }

    /// <summary>Normalizes one image of [0, 1] pixels in place (C×H×W).</summary>
    public static void NormalizeInPlace(Span<float> image, int channels, Normalization normalization)
    {
        ArgumentNullException.ThrowIfNull(normalization);
        var plane = image.Length / channels;
        for (var c = 0; c < channels; c++)
        {
            var (mean, std) = (normalization.Mean[c], normalization.Std[c]);
            foreach (ref var v in image.Slice(c * plane, plane))
            {
                v = (v - mean) / std;
            }
        }
    }

    /// <summary>The labels of <paramref name="data"/> as class indices.</summary>
    public static int[] Labels(ImageDataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return data.Labels.Select(l => (int)l).ToArray();
    }

    internal static void RequireChannels(ImageDataset data, Normalization normalization)
    {
        ArgumentNullException.ThrowIfNull(normalization);
        if (normalization.Mean.Length != data.Channels || normalization.Std.Length != data.Channels)
        {
            throw new ArgumentException(
                $"The normalization has {normalization.Mean.Length} means and {normalization.Std.Length} deviations " +
                $"for {data.Channels} channels.", nameof(normalization));
        }
    }
}
