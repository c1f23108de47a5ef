using Harness.Train.Data.Augmentation;

namespace Harness.Train.Data;

/// <summary>
/// Labelled images in memory: raw pixels as bytes (N × C × H × W, row-major) and class labels.
/// Normalization is applied when batches are made, so the raw data stay shareable and compact.
/// </summary>
public sealed class ImageDataset : ISampleSource
{
    private readonly int[] _dimensions;

    public ImageDataset(byte[] pixels, byte[] labels, int channels, int height, int width, int classes)
    {
        var perImage = channels * height * width;
        if (perImage <= 0 || pixels.Length != labels.Length * perImage)
        {
            throw new ArgumentException(
                $"{pixels.Length} pixel bytes do not make {labels.Length} images of {channels}×{height}×{width}.");
        }

        for (var i = 0; i < labels.Length; i++)
        {
            if (labels[i] >= classes)
            {
                throw new ArgumentException($"Label {labels[i]} of sample {i} is out of range for {classes} classes.");
            }
        }

        Pixels = pixels;
        Labels = labels;
        Channels = channels;
        Height = height;
        Width = width;
        Classes = classes;
        _dimensions = [channels, height, width];
    }

    public byte[] Pixels { get; }

    public byte[] Labels { get; }

    public int Channels { get; }

    public int Height { get; }

    public int Width { get; }

    public int Classes { get; }

    public int Count => Labels.Length;

    /// <summary>Values per image (C·H·W).</summary>
    public int SampleSize => Channels * Height * Width;

    /// <summary>Layout of one image.</summary>
    public ImageShape Shape => new(Channels, Height, Width);

    /// <inheritdoc />
    public IReadOnlyList<int> SampleDimensions => _dimensions;

    /// <inheritdoc />
    public int NormalizationLength => Channels;

    /// <inheritdoc />
    public int Label(int index) => Labels[index];

    /// <inheritdoc />
    ISampleSource ISampleSource.Select(ReadOnlySpan<int> indices) => Select(indices);

    /// <inheritdoc />
    public Normalization ComputeNormalization()
    {
        var (mean, std) = ChannelStatistics();
        return new Normalization(mean, std);
    }

    /// <summary>A new dataset holding copies of the samples at <paramref name="indices"/>, in that order.</summary>
    public ImageDataset Select(ReadOnlySpan<int> indices)
    {
        var pixels = new byte[indices.Length * SampleSize];
        var labels = new byte[indices.Length];
        for (var k = 0; k < indices.Length; k++)
        {
            Pixels.AsSpan(indices[k] * SampleSize, SampleSize).CopyTo(pixels.AsSpan(k * SampleSize));
            labels[k] = Labels[indices[k]];
        }

        return new ImageDataset(pixels, labels, Channels, Height, Width, Classes);
    }

    /// <summary>Per-channel mean and standard deviation of pixel/255 over the whole set.</summary>
    public (float[] Mean, float[] Std) ChannelStatistics()
    {
        var mean = new float[Channels];
        var std = new float[Channels];
        var plane = Height * Width;
        for (var c = 0; c < Channels; c++)
        {
            double sum = 0, sumSq = 0;
            for (var i = 0; i < Count; i++)
            {
                var offset = i * SampleSize + c * plane;
                for (var j = 0; j < plane; j++)
                {
                    double v = Pixels[offset + j] / 255.0;
                    sum += v;
                    sumSq += v * v;
                }
            }

            double n = (double)Count * plane;
            mean[c] = (float)(sum / n);
            std[c] = (float)Math.Sqrt(Math.Max(sumSq / n - (sum / n) * (sum / n), 1e-12));
        }

        return (mean, std);
    }

    /// <summary>
    /// Writes the normalized float pixels ((p/255 − mean_c)/std_c) of the samples at <paramref name="indices"/>
    /// into <paramref name="destination"/> and their labels into <paramref name="labels"/>.
    /// </summary>
    public void Gather(ReadOnlySpan<int> indices, float[] mean, float[] std, Span<float> destination, Span<long> labels)
    {
        var plane = Height * Width;
        for (var k = 0; k < indices.Length; k++)
        {
            var i = indices[k];
            var src = Pixels.AsSpan(i * SampleSize, SampleSize);
            var dst = destination.Slice(k * SampleSize, SampleSize);
            for (var c = 0; c < Channels; c++)
            {
                var scale = 1f / (255f * std[c]);
                var shift = mean[c] / std[c];
                for (var j = c * plane; j < (c + 1) * plane; j++)
                {
                    dst[j] = src[j] * scale - shift;
                }
            }

            labels[k] = Labels[i];
        }
    }
}
