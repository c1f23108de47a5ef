namespace Harness.Sim.Data;

/// <summary>
/// Labelled images as the harness's trainer holds them: bytes [Count × Channels × Height × Width] (planar,
/// row-major) and a class per image. <see cref="LabelBytes"/> gives the byte labels that
/// <c>Harness.Train.Data.ImageDataset</c> takes, so <c>new ImageDataset(set.Pixels, set.LabelBytes(),
/// set.Channels, set.Height, set.Width, set.ClassNames.Count)</c> reads it like any other image dataset.
/// </summary>
public sealed record ImageSet(byte[] Pixels, int[] Labels, int Channels, int Height, int Width, IReadOnlyList<string> ClassNames, string Description)
{
    /// <summary>Number of images.</summary>
    public int Count => Labels.Length;

    /// <summary>Bytes per image.</summary>
    public int SampleSize => Channels * Height * Width;

    /// <summary>Image <paramref name="i"/>.</summary>
    public ReadOnlySpan<byte> Image(int i) => Pixels.AsSpan(i * SampleSize, SampleSize);

    /// <summary>The labels as bytes (at most 256 classes, which <see cref="Validate"/> enforces).</summary>
    public byte[] LabelBytes()
    {
        var bytes = new byte[Labels.Length];
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = checked((byte)Labels[i]);
        }

        return bytes;
    }

    /// <summary>Checks shapes, the class count (1…256) and label ranges; throws <see cref="ArgumentException"/>.</summary>
    public void Validate()
    {
        if (Channels <= 0 || Height <= 0 || Width <= 0 || Pixels.Length != (long)Labels.Length * SampleSize)
        {
            throw new ArgumentException($"{Pixels.Length} bytes do not make {Labels.Length} images of {Channels}×{Height}×{Width}.");
        }

        if (ClassNames.Count > 256)
        {
            throw new ArgumentException($"{ClassNames.Count} classes: image labels are bytes, so at most 256.");
        }

        CheckLabels(Labels, ClassNames.Count);
    }

    internal static void CheckLabels(int[] labels, int classes)
    {
        for (var i = 0; i < labels.Length; i++)
        {
            if ((uint)labels[i] >= (uint)classes)
            {
                throw new ArgumentException($"Label {labels[i]} of sample {i} is out of range for {classes} classes.");
            }
        }
    }
}
