using Harness.Train.Configuration;
using Harness.Train.Data;
using Harness.Train.Data.Augmentation;
using NUnit.Framework;

namespace Harness.Tests.Train.Data;

[TestFixture]
public sealed class PrefetchingBatchLoaderTests
{
    private const int BatchSize = 32;

    private static readonly ImageDataset Data = TestImages.Dataset(500, 1, 28);

    private static readonly Normalization Norm = Normalization.FromTrainingSet(Data);

    private static readonly AugmentationPipeline Pipeline = new(
        new AugmentOptions { Rotation = 10, Translation = 0.1, Brightness = 0.2, NoiseStd = 0.02, RandAugmentN = 1, Erasing = 0.5 },
        Data.Shape);

    private static (float[] Inputs, long[] Labels, int[] Indices) Epoch(int epoch, int workers, int prefetch,
        AugmentationPipeline? pipeline = null, BatchBufferPool? pool = null)
    {
        using var loader = new PrefetchingBatchLoader(Data, Norm, pipeline, BatchSize, seed: 42, epoch, workers, prefetch, pool: pool);
        var inputs = new List<float>();
        var labels = new List<long>();
        var indices = new List<int>();
        var expectedIndex = 0;
        foreach (var batch in loader)
        {
            using (batch)
            {
                Assert.That(batch.Index, Is.EqualTo(expectedIndex++));
                inputs.AddRange(batch.Inputs.ToArray());
                labels.AddRange(batch.Labels.ToArray());
                indices.Add(batch.Count);
            }
        }

        Assert.That(expectedIndex, Is.EqualTo(loader.BatchCount));
        return (inputs.ToArray(), labels.ToArray(), indices.ToArray());
    }

    [Test]
    public void SameSeedGivesABitwiseIdenticalEpochWithOneAndThreeWorkers()
    {
        var one = Epoch(5, workers: 1, prefetch: 1, Pipeline);
        var three = Epoch(5, workers: 3, prefetch: 2, Pipeline);
        Assert.That(three.Inputs.Select(BitConverter.SingleToInt32Bits), Is.EqualTo(one.Inputs.Select(BitConverter.SingleToInt32Bits)));
        Assert.That(three.Labels, Is.EqualTo(one.Labels));
        Assert.That(one.Indices.Sum(), Is.EqualTo(Data.Count), "500 = 15 × 32 + 20: the last, smaller batch is kept");
    }

    [Test]
    public void BatchesAreTheSamplersSamplesAugmentedByTheirOwnSeedsThenNormalized()
    {
        var loaded = Epoch(2, workers: 2, prefetch: 3, Pipeline);
        var sampler = new BatchSampler(Data.Count, BatchSize, 42, 2);
        var scratch = new float[Pipeline.ScratchLength];
        var at = 0;
        for (var b = 0; b < sampler.BatchCount; b++)
        {
            foreach (var i in sampler.Batch(b))
            {
                var image = Data.Pixels.AsSpan(i * Data.SampleSize, Data.SampleSize).ToArray().Select(p => p / 255f).ToArray();
                var random = SplitMix64.ForSample(42, 2, i);
                Pipeline.Apply(image, ref random, scratch);
                var expected = image.Select(v => (v - Norm.Mean[0]) * (1f / Norm.Std[0])).ToArray();
                Assert.That(loaded.Inputs.AsSpan(at * Data.SampleSize, Data.SampleSize).ToArray(), Is.EqualTo(expected));
                Assert.That(loaded.Labels[at], Is.EqualTo(Data.Labels[i]));
                at++;
            }
        }
    }

    [Test]
    public void WithoutAugmentationBatchesEqualTheDatasetsGather()
    {
        var loaded = Epoch(0, workers: 2, prefetch: 2);
        var sampler = new BatchSampler(Data.Count, BatchSize, 42, 0);
        var inputs = new float[BatchSize * Data.SampleSize];
        var labels = new long[BatchSize];
        var at = 0;
        for (var b = 0; b < sampler.BatchCount; b++)
        {
            var n = sampler.Batch(b).Length;
            Data.Gather(sampler.Batch(b), Norm.Mean, Norm.Std, inputs, labels);
            Assert.That(loaded.Inputs.AsSpan(at * Data.SampleSize, n * Data.SampleSize).ToArray(),
                Is.EqualTo(inputs.AsSpan(0, n * Data.SampleSize).ToArray()));
            at += n;
        }
    }

    [Test]
    public void ADifferentEpochGivesADifferentOrder()
    {
        Assert.That(Epoch(1, 2, 2).Labels, Is.Not.EqualTo(Epoch(2, 2, 2).Labels));
    }

    [Test]
    public void BuffersAreReusedSoSteadyStateAllocatesNothingBig()
    {
        const int workers = 2, prefetch = 2;
        var pool = new BatchBufferPool(BatchSize, Data.SampleSize);
        Epoch(0, workers, prefetch, Pipeline, pool);
        var batches = new BatchSampler(Data.Count, BatchSize, 42, 1).BatchCount;

        // Up to prefetch + workers batches ahead of the consumer, plus the one it holds.
        Assert.That(pool.Created, Is.InRange(1, prefetch + workers + 1));
        Assert.That(batches, Is.GreaterThan(2 * (prefetch + workers + 1)), "the epoch must be long enough to prove reuse");

        var created = pool.Created;
        var before = GC.GetTotalAllocatedBytes(precise: true);
        using (var loader = new PrefetchingBatchLoader(Data, Norm, Pipeline, BatchSize, 42, 1, workers, prefetch, pool: pool))
        {
            while (loader.TryTake(out var batch))
            {
                batch.Dispose();
            }
        }

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        var oneBuffer = BatchSize * Data.SampleSize * sizeof(float);
        Assert.That(pool.Created, Is.EqualTo(created), "the second epoch reuses the first epoch's buffers");

        // Without pooling the epoch would allocate batches × oneBuffer (≈ 1.6 MB here); what remains is the
        // sampler's order, the threads, semaphores and the small Batch objects.
        Assert.That(allocated, Is.LessThan(batches * oneBuffer / 4));
    }

    [Test]
    public void CancellationStopsTheWorkersAndDisposeLeavesNoThreadRunning()
    {
        using var cancel = new CancellationTokenSource();
        var loader = new PrefetchingBatchLoader(Data, Norm, Pipeline, 4, 42, 0, workers: 3, prefetch: 2, cancellationToken: cancel.Token);
        Assert.That(loader.TryTake(out var first), Is.True);
        first.Dispose();
        cancel.Cancel();
        Assert.That(() => loader.TryTake(out _), Throws.InstanceOf<OperationCanceledException>());
        loader.Dispose();
        Assert.That(loader.RunningWorkers, Is.Zero);

        var abandoned = new PrefetchingBatchLoader(Data, Norm, Pipeline, 4, 42, 0, workers: 3, prefetch: 2);
        Assert.That(abandoned.TryTake(out var batch), Is.True);
        abandoned.Dispose();
        Assert.That(abandoned.RunningWorkers, Is.Zero);
        Assert.That(() => abandoned.TryTake(out _), Throws.InstanceOf<ObjectDisposedException>());
        Assert.That(batch.Labels.Length, Is.EqualTo(4), "a batch taken before Dispose stays valid until it is disposed");
        batch.Dispose();
        batch.Dispose();
        Assert.That(() => batch.Inputs.Length, Throws.InstanceOf<ObjectDisposedException>());
    }
}
