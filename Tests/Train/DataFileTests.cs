using System.IO.Compression;
using Harness.Core;
using Harness.Train.Data;
using NUnit.Framework;

namespace Harness.Tests.Train;

[TestFixture]
public sealed class DataFileTests
{
    private string _dir = "";

    [SetUp]
    public void MakeFolder() => Directory.CreateDirectory(_dir = Path.Combine(Path.GetTempPath(), $"harness-idx-{Guid.NewGuid():N}"));

    [TearDown]
    public void RemoveFolder() => Directory.Delete(_dir, recursive: true);

    private string WriteGz(string name, byte[] bytes)
    {
        var path = Path.Combine(_dir, name);
        using var file = File.Create(path);
        using var gz = new GZipStream(file, CompressionLevel.Fastest);
        gz.Write(bytes);
        return path;
    }

    private static byte[] Idx(byte rank, int[] dims, byte[] data)
    {
        var header = new List<byte> { 0, 0, 8, rank };
        foreach (var d in dims)
        {
            header.AddRange(BitConverter.GetBytes(d).Reverse());
        }

        return header.Concat(data).ToArray();
    }

    [Test]
    public void ReadsImagesAndLabels()
    {
        var images = WriteGz("train-images-idx3-ubyte.gz", Idx(3, [2, 2, 2], [0, 1, 2, 3, 4, 5, 6, 7]));
        var labels = WriteGz("train-labels-idx1-ubyte.gz", Idx(1, [2], [3, 9]));
        var (dims, data) = IdxFile.Read(images, 3);
        Assert.That(dims, Is.EqualTo(new[] { 2, 2, 2 }));
        Assert.That(data, Is.EqualTo(new byte[] { 0, 1, 2, 3, 4, 5, 6, 7 }));
        Assert.That(IdxFile.Read(labels, 1).Data, Is.EqualTo(new byte[] { 3, 9 }));
    }

    [Test]
    public void TruncatedFileNamesTheFile()
    {
        var path = WriteGz("t.gz", Idx(3, [2, 2, 2], [0, 1, 2]));
        var error = Assert.Throws<UsageException>(() => IdxFile.Read(path, 3));
        Assert.That(error!.Message, Does.Contain(path).And.Contain("truncated"));
    }

    [Test]
    public void WrongMagicNamesTheFile()
    {
        var path = WriteGz("m.gz", Idx(1, [2], [1, 2]));
        var error = Assert.Throws<UsageException>(() => IdxFile.Read(path, 3));
        Assert.That(error!.Message, Does.Contain(path).And.Contain("wrong magic"));
    }

    [Test]
    public void LabelOutOfRangeNamesTheFile()
    {
        WriteGz("train-images-idx3-ubyte.gz", Idx(3, [1, 2, 2], [0, 1, 2, 3]));
        var labels = WriteGz("train-labels-idx1-ubyte.gz", Idx(1, [1], [10]));
        var error = Assert.Throws<UsageException>(() => FashionMnist.LoadTrain(_dir));
        Assert.That(error!.Message, Does.Contain(labels).And.Contain("out of range"));
    }

    [Test]
    public void BatchSamplerIsReproducibleAndCoversEverySampleOnce()
    {
        var a = new BatchSampler(10, 4, seed: 1, epoch: 2);
        var b = new BatchSampler(10, 4, seed: 1, epoch: 2);
        var all = Enumerable.Range(0, a.BatchCount).SelectMany(i => a.Batch(i).ToArray()).ToArray();
        Assert.That(all, Is.EqualTo(Enumerable.Range(0, b.BatchCount).SelectMany(i => b.Batch(i).ToArray())));
        Assert.That(all.OrderBy(i => i), Is.EqualTo(Enumerable.Range(0, 10)));
        var other = new BatchSampler(10, 4, seed: 1, epoch: 3);
        Assert.That(Enumerable.Range(0, other.BatchCount).SelectMany(i => other.Batch(i).ToArray()), Is.Not.EqualTo(all));
    }
}
