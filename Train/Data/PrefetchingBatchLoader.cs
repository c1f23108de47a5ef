using System.Collections;
using System.Runtime.ExceptionServices;
using Harness.Train.Data.Augmentation;

namespace Harness.Train.Data;

/// <summary>
/// Builds one epoch of training batches on background threads, ahead of the consumer, and hands them out in the
/// <see cref="BatchSampler"/>'s order. The result is bitwise the same for the same (seed, epoch) whatever the number
/// of workers or the thread timing: the order comes from the sampler, and each sample's augmentation from its own
/// <see cref="SplitMix64"/> stream seeded by (seed, epoch, sample index).
/// </summary>
/// <remarks>
/// Prefetch is bounded: at most <c>prefetch + workers</c> batches exist ahead of the consumer (finished or in
/// progress); workers wait for the consumer to take one before starting another. Buffers come from a
/// <see cref="BatchBufferPool"/> and go back when the consumer disposes each <see cref="Batch"/>.
/// Dispose the loader (or let the epoch run out) to end its threads; <see cref="Dispose"/> cancels the workers and
/// waits for them to finish. One consumer thread calls <see cref="TryTake"/> (or enumerates); the loader is not
/// meant to be shared between consumers.
/// </remarks>
public sealed class PrefetchingBatchLoader : IEnumerable<Batch>, IDisposable
{
    private readonly ISampleSource _data;
    private readonly ImageDataset? _images;
    private readonly AugmentationPipeline? _augmentation;
    private readonly BatchSampler _sampler;
    private readonly float[] _mean;
    private readonly float[] _std;
    private readonly long _seed;
    private readonly int _epoch;
    private readonly BatchBufferPool _pool;
    private readonly Batch?[] _slots;
    private readonly SemaphoreSlim[] _ready;
    private readonly SemaphoreSlim _space;
    private readonly CancellationTokenSource _cancel;
    private readonly Thread[] _threads;
    private int _nextClaim;
    private int _consumed;
    private volatile ExceptionDispatchInfo? _error;
    private bool _disposed;

    /// <param name="data">Samples to batch (images or feature rows).</param>
    /// <param name="normalization">Per-channel (images) or per-feature mean and std, applied after augmentation.</param>
    /// <param name="augmentation">Per-sample augmentation (images only), or null for none.</param>
    /// <param name="batchSize">Samples per batch (the last, smaller batch is kept if it has at least 2).</param>
    /// <param name="seed">Run seed: drives the shuffle and the augmentation.</param>
    /// <param name="epoch">Epoch number: a new shuffle and new augmentations each epoch.</param>
    /// <param name="workers">Background threads building batches (≥ 1).</param>
    /// <param name="prefetch">Finished batches that may wait for the consumer (≥ 1).</param>
    /// <param name="shuffle">False keeps the dataset order (evaluation).</param>
    /// <param name="pool">Buffers to reuse across epochs; a private pool when null.</param>
    /// <param name="cancellationToken">Stops the workers; a waiting <see cref="TryTake"/> then throws.</param>
    public PrefetchingBatchLoader(ISampleSource data, Normalization normalization, AugmentationPipeline? augmentation,
        int batchSize, long seed, int epoch, int workers = 2, int prefetch = 4, bool shuffle = true,
        BatchBufferPool? pool = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(workers);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(prefetch);
        ArgumentNullException.ThrowIfNull(data);
        _images = data as ImageDataset;
        if (augmentation is not null && _images is null)
        {
            throw new ArgumentException(
                $"Augmentation is for images; the data are feature rows [{string.Join(", ", data.SampleDimensions)}].", nameof(augmentation));
        }

        if (augmentation is not null && augmentation.Shape != _images!.Shape)
        {
            throw new ArgumentException($"Augmentation is for {augmentation.Shape}, the data are {_images.Shape}.", nameof(augmentation));
        }

        if (normalization.Mean.Length != data.NormalizationLength || normalization.Std.Length != data.NormalizationLength)
        {
            throw new ArgumentException(
                $"Normalization has {normalization.Mean.Length} entries, the data need {data.NormalizationLength}.", nameof(normalization));
        }

        pool ??= new BatchBufferPool(batchSize, data.SampleSize);
        if (pool.BatchSize < batchSize || pool.SampleSize != data.SampleSize)
        {
            throw new ArgumentException(
                $"Pool holds {pool.BatchSize}×{pool.SampleSize} buffers; {batchSize}×{data.SampleSize} are needed.", nameof(pool));
        }

        _data = data;
        _augmentation = augmentation;
        _sampler = new BatchSampler(data.Count, batchSize, seed, epoch, shuffle);
        _mean = normalization.Mean;
        _std = normalization.Std;
        _seed = seed;
        _epoch = epoch;
        _pool = pool;
        var capacity = prefetch + workers;
        _slots = new Batch?[capacity];
        _ready = Enumerable.Range(0, capacity).Select(_ => new SemaphoreSlim(0, 1)).ToArray();
        _space = new SemaphoreSlim(capacity, capacity);
        _cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _threads = new Thread[Math.Min(workers, Math.Max(1, _sampler.BatchCount))];
        for (var w = 0; w < _threads.Length; w++)
        {
            _threads[w] = new Thread(Work) { IsBackground = true, Name = $"batch-loader-{w}" };
            _threads[w].Start();
        }
    }

    /// <summary>Batches in this epoch.</summary>
    public int BatchCount => _sampler.BatchCount;

    /// <summary>Worker threads still running (0 once the epoch is built or the loader is disposed).</summary>
    public int RunningWorkers => _threads.Count(t => t.IsAlive);

    /// <summary>
    /// Waits for the next batch in order. False once the epoch is over. Throws <see cref="OperationCanceledException"/>
    /// when cancelled, and rethrows the first exception a worker hit.
    /// </summary>
    public bool TryTake(out Batch batch)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_consumed >= _sampler.BatchCount)
        {
            batch = null!;
            return false;
        }

        var slot = _consumed % _slots.Length;
        try
        {
            _ready[slot].Wait(_cancel.Token);
        }
        catch (OperationCanceledException)
        {
            _error?.Throw();
            throw;
        }

        batch = _slots[slot]!;
        _slots[slot] = null;
        _consumed++;
        _space.Release();
        return true;
    }

    /// <summary>Yields the remaining batches in order; the caller disposes each one.</summary>
    public IEnumerator<Batch> GetEnumerator()
    {
        while (TryTake(out var batch))
        {
            yield return batch;
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Cancels the workers, waits for every thread to end and returns undelivered buffers to the pool.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _cancel.Cancel();
        foreach (var thread in _threads)
        {
            thread.Join();
        }

        for (var i = 0; i < _slots.Length; i++)
        {
            _slots[i]?.Dispose();
            _slots[i] = null;
            _ready[i].Dispose();
        }

        _space.Dispose();
        _cancel.Dispose();
    }

    private void Work()
    {
        var token = _cancel.Token;
        var scratch = new float[_augmentation?.ScratchLength ?? 0];
        try
        {
            while (true)
            {
                _space.Wait(token);
                var b = Interlocked.Increment(ref _nextClaim) - 1;
                if (b >= _sampler.BatchCount)
                {
                    return;
                }

                // At most capacity batches are claimed and not yet taken, so batch b − capacity has been taken and
                // this slot is free.
                _slots[b % _slots.Length] = Build(b, scratch);
                _ready[b % _slots.Length].Release();
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Dispose or the caller's token: stop quietly.
        }
        catch (Exception e)
        {
            _error ??= ExceptionDispatchInfo.Capture(e);
            _cancel.Cancel();
        }
    }

    private Batch Build(int b, float[] scratch)
    {
        var indices = _sampler.Batch(b);
        var buffers = _pool.Rent();
        if (_augmentation is null)
        {
            _data.Gather(indices, _mean, _std, buffers.Inputs, buffers.Labels);
        }
        else
        {
            var images = _images!;
            var shape = images.Shape;
            for (var k = 0; k < indices.Length; k++)
            {
                var i = indices[k];
                var image = buffers.Inputs.AsSpan(k * shape.Size, shape.Size);
                var pixels = images.Pixels.AsSpan(i * shape.Size, shape.Size);
                for (var j = 0; j < pixels.Length; j++)
                {
                    image[j] = pixels[j] / 255f;
                }

                var random = SplitMix64.ForSample(_seed, _epoch, i);
                _augmentation.Apply(image, ref random, scratch);
                for (var c = 0; c < shape.Channels; c++)
                {
                    var plane = image.Slice(c * shape.Plane, shape.Plane);
                    var mean = _mean[c];
                    var inverseStd = 1f / _std[c];
                    foreach (ref var v in plane)
                    {
                        v = (v - mean) * inverseStd;
                    }
                }

                buffers.Labels[k] = images.Labels[i];
            }
        }

        return new Batch(b, indices.Length, _data.SampleSize, buffers, _pool);
    }
}
