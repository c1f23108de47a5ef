using Harness.Train.Data;
using Harness.Train.Data.Augmentation;

namespace Harness.Tests.Train.Data;

/// <summary>Seeded test images and datasets.</summary>
internal static class TestImages
{
    /// <summary>Uniform [0, 1) values, seeded.</summary>
    public static float[] Random(ImageShape shape, ulong seed)
    {
        var random = new SplitMix64(seed);
        var image = new float[shape.Size];
        for (var i = 0; i < image.Length; i++)
        {
            image[i] = (float)random.NextDouble();
        }

        return image;
    }

    /// <summary>Each value distinct and readable: c·10000 + y·100 + x, scaled into [0, 1].</summary>
    public static float[] Coded(ImageShape shape)
    {
        var image = new float[shape.Size];
        for (var c = 0; c < shape.Channels; c++)
        {
            for (var y = 0; y < shape.Height; y++)
            {
                for (var x = 0; x < shape.Width; x++)
                {
                    image[c * shape.Plane + y * shape.Width + x] = (c * 10_000 + y * 100 + x + 1) / 100_000f;
                }
            }
        }

        return image;
    }

    /// <summary>A dataset of random bytes with labels cycling through the classes.</summary>
    public static ImageDataset Dataset(int count, int channels, int size, int classes = 10, ulong seed = 1)
    {
        var random = new SplitMix64(seed);
        var pixels = new byte[count * channels * size * size];
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (byte)random.NextInt(256);
        }

        var labels = new byte[count];
        for (var i = 0; i < count; i++)
        {
            labels[i] = (byte)(i % classes);
        }

        return new ImageDataset(pixels, labels, channels, size, size, classes);
    }

    public static float At(float[] image, ImageShape shape, int c, int y, int x) => image[c * shape.Plane + y * shape.Width + x];
}
