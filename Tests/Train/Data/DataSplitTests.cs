using Harness.Core;
using Harness.Train.Configuration;
using Harness.Train.Data;
using NUnit.Framework;

namespace Harness.Tests.Train.Data;

[TestFixture]
public sealed class DataSplitTests
{
    private string _dir = "";

    [SetUp]
    public void MakeFolder() => Directory.CreateDirectory(_dir = Path.Combine(Path.GetTempPath(), $"harness-cifar-{Guid.NewGuid():N}"));

    [TearDown]
    public void RemoveFolder() => Directory.Delete(_dir, recursive: true);

    /// <summary>Writes records whose label is <c>labels[i]</c> and whose pixel j is (i·7 + j) mod 256.</summary>
    private string WriteCifar(string name, byte[] labels, int extraBytes = 0)
    {
        var bytes = new List<byte>();
        for (var i = 0; i < labels.Length; i++)
        {
            bytes.Add(labels[i]);
            bytes.AddRange(Enumerable.Range(0, 3072).Select(j => (byte)((i * 7 + j) % 256)));
        }

        bytes.AddRange(new byte[extraBytes]);
        var path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, bytes.ToArray());
        return path;
    }

    [Test]
    public void ReadsCifar10RecordsAsRedGreenBluePlanes()
    {
        for (var f = 0; f < 5; f++)
        {
            WriteCifar(Cifar10.TrainFiles[f], [(byte)f, (byte)(9 - f)]);
        }

        WriteCifar(Cifar10.TestFile, [3]);
        var train = Cifar10.LoadTrain(_dir);
        var test = Cifar10.LoadTest(_dir);
        Assert.That((train.Count, train.Channels, train.Height, train.Width, train.Classes), Is.EqualTo((10, 3, 32, 32, 10)));
        Assert.That(train.Labels, Is.EqualTo(new byte[] { 0, 9, 1, 8, 2, 7, 3, 6, 4, 5 }));
        Assert.That(test.Labels, Is.EqualTo(new byte[] { 3 }));

        // Record 1 of a file: red (0, 0) is byte 0 of its pixels, green (0, 0) byte 1024, blue (31, 31) byte 3071.
        var second = train.Pixels.AsSpan(train.SampleSize, train.SampleSize);
        Assert.That((second[0], second[1024], second[3071]), Is.EqualTo(((byte)7, (byte)((7 + 1024) % 256), (byte)((7 + 3071) % 256))));
    }

    [Test]
    public void BadCifar10FilesAreUsageErrorsNamingTheFile()
    {
        var truncated = WriteCifar("truncated.bin", [1, 2], extraBytes: 100);
        var error = Assert.Throws<UsageException>(() => Cifar10.Load([truncated]));
        Assert.That(error!.Message, Does.Contain(truncated).And.Contain("not a whole number of 3073-byte"));

        var empty = Path.Combine(_dir, "empty.bin");
        File.WriteAllBytes(empty, []);
        Assert.That(Assert.Throws<UsageException>(() => Cifar10.Load([empty]))!.Message, Does.Contain(empty));

        var badLabel = WriteCifar("label.bin", [1, 10]);
        error = Assert.Throws<UsageException>(() => Cifar10.Load([badLabel]));
        Assert.That(error!.Message, Does.Contain(badLabel).And.Contain("record 1 has label 10"));

        error = Assert.Throws<UsageException>(() => Cifar10.LoadTest(_dir));
        Assert.That(error!.Message, Does.Contain(Path.Combine(_dir, Cifar10.TestFile)).And.Contain("not found"));
    }

    private static ImageDataset Unbalanced()
    {
        // 600 of class 0, 300 of class 1, 100 of class 2, interleaved.
        var labels = Enumerable.Range(0, 1000).Select(i => (byte)(i % 10 < 6 ? 0 : i % 10 < 9 ? 1 : 2)).ToArray();
        var pixels = Enumerable.Range(0, 1000 * 4).Select(i => (byte)(i / 4 % 256)).ToArray();
        return new ImageDataset(pixels, labels, 1, 2, 2, 3);
    }

    [Test]
    public void ValidationSplitIsStratifiedDisjointAndSeeded()
    {
        var data = Unbalanced();
        var (train, validation) = DataSplits.StratifiedSplit(data, 100, seed: 7);
        Assert.That(validation.Select(i => data.Labels[i]).GroupBy(l => l).OrderBy(g => g.Key).Select(g => g.Count()),
            Is.EqualTo(new[] { 60, 30, 10 }));
        Assert.That(train.Concat(validation).Order(), Is.EqualTo(Enumerable.Range(0, 1000)));
        Assert.That(DataSplits.StratifiedSplit(data, 100, seed: 7).Validation, Is.EqualTo(validation));
        Assert.That(DataSplits.StratifiedSplit(data, 100, seed: 8).Validation, Is.Not.EqualTo(validation));

        // Shares that do not divide evenly: 7 → 4.2, 2.1, 0.7 → 4, 2, 1 by largest remainder.
        Assert.That(DataSplits.StratifiedSplit(data, 7, 1).Validation.Select(i => data.Labels[i]).Order(),
            Is.EqualTo(new byte[] { 0, 0, 0, 0, 1, 1, 2 }));
    }

    [Test]
    public void TrainSubsetIsASeededSampleOfWhatValidationLeft()
    {
        var data = Unbalanced();
        var splits = DataSplits.Split(data, data, ["a", "b", "c"], 0, validationSize: 100, trainSubset: 200, seed: 3);
        Assert.That(splits.Train.Count, Is.EqualTo(200));
        Assert.That(splits.Validation.Count, Is.EqualTo(100));

        // Pixel byte k of sample i is i mod 256 here, so a sample's identity is readable from its pixels.
        var trainIds = Enumerable.Range(0, 200).Select(k => Pixels(splits.Train)[k * 4]).ToArray();
        var again = DataSplits.Split(data, data, ["a", "b", "c"], 0, 100, 200, 3);
        Assert.That(Pixels(again.Train), Is.EqualTo(Pixels(splits.Train)));
        Assert.That(Pixels(DataSplits.Split(data, data, ["a", "b", "c"], 0, 100, 200, 4).Train), Is.Not.EqualTo(Pixels(splits.Train)));
        Assert.That(trainIds, Is.Not.EqualTo(Enumerable.Range(0, 200).Select(i => (byte)i)), "not simply the first 200");

        var tooMany = Assert.Throws<UsageException>(() => DataSplits.Split(data, data, ["a", "b", "c"], 0, 100, 901, 3));
        Assert.That(tooMany!.Message, Does.Contain("Data:TrainSubset = 901"));
        var tooBig = Assert.Throws<UsageException>(() => DataSplits.Split(data, data, ["a", "b", "c"], 0, 1000, 0, 3));
        Assert.That(tooBig!.Message, Does.Contain("Data:ValidationSize = 1000"));
    }

    [Test]
    public void LoadsFashionMnistWithAStratifiedValidationSplit()
    {
        Assume.That(Directory.Exists(FashionMnist.DefaultDirectory), "Debian's dataset-fashion-mnist is not installed");
        var splits = DataSplits.Load(new DataOptions(), seed: 42);
        Assert.That((splits.Train.Count, splits.Validation.Count, splits.Test.Count), Is.EqualTo((55_000, 5_000, 10_000)));
        Assert.That(((ImageDataset)splits.Validation).Labels.GroupBy(l => l).Select(g => g.Count()), Has.All.EqualTo(500));
        Assert.That(splits.ClassNames, Is.EqualTo(FashionMnist.ClassNames));
        Assert.That(splits.DefaultFlip, Is.Zero);
        Assert.That(splits.Normalization.Mean[0], Is.EqualTo(0.286).Within(0.002), "Fashion-MNIST's well-known mean");
    }

    [Test]
    public void LoadsCifar10FromTheConfiguredFolderWithFlipOnByDefault()
    {
        for (var f = 0; f < 5; f++)
        {
            WriteCifar(Cifar10.TrainFiles[f], Enumerable.Range(0, 10).Select(i => (byte)i).ToArray());
        }

        WriteCifar(Cifar10.TestFile, [0, 1]);
        var splits = DataSplits.Load(new DataOptions { Dataset = "cifar10", Cifar10Dir = _dir, ValidationSize = 10 }, seed: 1);
        Assert.That((splits.Train.Count, splits.Validation.Count, splits.Test.Count), Is.EqualTo((40, 10, 2)));
        Assert.That(((ImageDataset)splits.Validation).Labels.Order(), Is.EqualTo(Enumerable.Range(0, 10).Select(i => (byte)i)));
        Assert.That(splits.DefaultFlip, Is.EqualTo(0.5));
        Assert.That(splits.Normalization.Mean, Has.Length.EqualTo(3));
    }

    private static byte[] Pixels(ISampleSource data) => ((ImageDataset)data).Pixels;
}
