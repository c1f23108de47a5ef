using System.Collections.Concurrent;

namespace Harness.Train.Data;

/// <summary>
/// Reusable host buffers for batches of up to <see cref="BatchSize"/> samples of <see cref="SampleSize"/> floats.
/// Thread-safe. A loader rents one per batch and the batch's <see cref="Batch.Dispose"/> returns it, so after the
/// first few batches an epoch allocates no large arrays; one pool can serve every epoch of a run.
/// </summary>
public sealed class BatchBufferPool
{
    private readonly ConcurrentBag<BatchBuffers> _free = new();
    private long _created;

    public BatchBufferPool(int batchSize, int sampleSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleSize);
        BatchSize = batchSize;
        SampleSize = sampleSize;
    }

    public int BatchSize { get; }

    public int SampleSize { get; }

    /// <summary>How many buffer pairs this pool has ever allocated (steady state: stops growing).</summary>
    public long Created => Interlocked.Read(ref _created);

    /// <summary>Buffers currently waiting in the pool.</summary>
    public int Available => _free.Count;

    internal BatchBuffers Rent()
    {
        if (_free.TryTake(out var buffers))
        {
            return buffers;
        }

        Interlocked.Increment(ref _created);
        return new BatchBuffers(new float[BatchSize * SampleSize], new long[BatchSize]);
    }

    internal void Return(BatchBuffers buffers) => _free.Add(buffers);
}

/// <summary>One batch's input and label arrays (capacity: a full batch).</summary>
internal sealed record BatchBuffers(float[] Inputs, long[] Labels);
