namespace Harness.Train.Data;

/// <summary>
/// One mini-batch from <see cref="PrefetchingBatchLoader"/>: normalized inputs (N×C×H×W or N×F floats) and int64 labels
/// in the sampler's order. The spans point into pooled buffers: dispose the batch when done (after copying it to a
/// tensor) to give them back; using it after that throws. Disposing twice is harmless.
/// </summary>
public sealed class Batch : IDisposable
{
    private readonly BatchBufferPool _pool;
    private BatchBuffers? _buffers;

    internal Batch(int index, int count, int sampleSize, BatchBuffers buffers, BatchBufferPool pool)
    {
        Index = index;
        Count = count;
        SampleSize = sampleSize;
        _buffers = buffers;
        _pool = pool;
    }

    /// <summary>Position of this batch in the epoch (0-based).</summary>
    public int Index { get; }

    /// <summary>Samples in this batch (N); the last batch of an epoch may be smaller.</summary>
    public int Count { get; }

    /// <summary>Floats per sample (C·H·W or F).</summary>
    public int SampleSize { get; }

    /// <summary>N·SampleSize normalized values (writable, so batch-level mixing can work in place).</summary>
    public Span<float> Inputs => Buffers.Inputs.AsSpan(0, Count * SampleSize);

    /// <summary>N class indices.</summary>
    public Span<long> Labels => Buffers.Labels.AsSpan(0, Count);

    private BatchBuffers Buffers => _buffers ?? throw new ObjectDisposedException(nameof(Batch), "The batch was disposed; its buffers are reused.");

    /// <summary>Returns the buffers to the pool.</summary>
    public void Dispose()
    {
        var buffers = Interlocked.Exchange(ref _buffers, null);
        if (buffers is not null)
        {
            _pool.Return(buffers);
        }
    }
}
