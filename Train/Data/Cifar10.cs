using Harness.Core;

namespace Harness.Train.Data;

/// <summary>
/// CIFAR-10 in its binary format (the <c>cifar-10-batches-bin</c> folder): <c>data_batch_1.bin</c> ..
/// <c>data_batch_5.bin</c> (50,000 training images) and <c>test_batch.bin</c> (10,000), each a sequence of
/// 3,073-byte records: one label byte (0–9), then 1,024 red, 1,024 green and 1,024 blue bytes of a 32×32 image,
/// row-major — already the C×H×W layout of <see cref="ImageDataset"/>. Any problem names the file.
/// </summary>
public static class Cifar10
{
    public const int Channels = 3;
    public const int Size = 32;
    public const int RecordLength = 1 + Channels * Size * Size;

    public static readonly IReadOnlyList<string> ClassNames =
    [
        "airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck",
    ];

    /// <summary>The training files, in the order they are concatenated.</summary>
    public static readonly IReadOnlyList<string> TrainFiles =
        ["data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin"];

    public const string TestFile = "test_batch.bin";

    public static ImageDataset LoadTrain(string directory) => Load(TrainFiles.Select(f => Path.Combine(directory, f)));

    public static ImageDataset LoadTest(string directory) => Load([Path.Combine(directory, TestFile)]);

    /// <summary>Reads and concatenates the given record files.</summary>
    public static ImageDataset Load(IEnumerable<string> paths)
    {
        var files = paths.Select(ReadFile).ToList();
        var count = files.Sum(f => f.Labels.Length);
        var pixels = new byte[(long)count * (RecordLength - 1)];
        var labels = new byte[count];
        var at = 0;
        foreach (var (filePixels, fileLabels) in files)
        {
            filePixels.CopyTo(pixels.AsSpan(at * (RecordLength - 1)));
            fileLabels.CopyTo(labels.AsSpan(at));
            at += fileLabels.Length;
        }

        return new ImageDataset(pixels, labels, Channels, Size, Size, ClassNames.Count);
    }

    private static (byte[] Pixels, byte[] Labels) ReadFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new UsageException($"Data file not found: {path} (CIFAR-10 binary version, cifar-10-batches-bin).");
        }

        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (IOException e)
        {
            throw new UsageException($"{path}: cannot read ({e.Message}).", e);
        }

        if (bytes.Length == 0 || bytes.Length % RecordLength != 0)
        {
            throw new UsageException(
                $"{path}: {bytes.Length} bytes is not a whole number of {RecordLength}-byte CIFAR-10 records " +
                "(truncated or not a CIFAR-10 binary file).");
        }

        var count = bytes.Length / RecordLength;
        var pixels = new byte[count * (RecordLength - 1)];
        var labels = new byte[count];
        for (var i = 0; i < count; i++)
        {
            var record = bytes.AsSpan(i * RecordLength, RecordLength);
            if (record[0] >= ClassNames.Count)
            {
                throw new UsageException(
                    $"{path}: record {i} has label {record[0]}; CIFAR-10 labels are 0 to {ClassNames.Count - 1}.");
            }

            labels[i] = record[0];
            record[1..].CopyTo(pixels.AsSpan(i * (RecordLength - 1)));
        }

        return (pixels, labels);
    }
}
