namespace Harness.Train.Data;

/// <summary>
/// Shuffled mini-batch indices, reproducible from (seed, epoch) alone, in every process (the shuffle uses
/// <see cref="SplitMix64"/>, not <see cref="HashCode"/>, whose seed changes per process). A final batch smaller than
/// <see cref="MinBatch"/> is dropped (BatchNorm cannot train on one sample).
/// </summary>
public sealed class BatchSampler
{
    public const int MinBatch = 2;

    /// <summary>Stream tag of the epoch shuffle (keeps it independent of other streams of the same seed).</summary>
    private const ulong ShuffleStream = 0x5348_5546_464C_4531; // "SHUFFLE1"

    private readonly int[] _order;

    public BatchSampler(int count, int batchSize, long seed, int epoch, bool shuffle = true)
    {
        if (batchSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(batchSize), $"Batch size {batchSize} must be >= 1.");
        }

        BatchSize = batchSize;
        _order = new int[count];
        for (var i = 0; i < count; i++)
        {
            _order[i] = i;
        }

        if (shuffle)
        {
            var random = SplitMix64.ForStream(seed, ShuffleStream ^ (ulong)(uint)epoch);
            random.Shuffle(_order.AsSpan());
        }
    }

    public int BatchSize { get; }

    /// <summary>Number of batches one pass yields.</summary>
    public int BatchCount
    {
        get
        {
            var full = _order.Length / BatchSize;
            var rest = _order.Length % BatchSize;
            return full + (rest >= MinBatch ? 1 : 0);
        }
    }

    /// <summary>The indices of batch <paramref name="b"/>.</summary>
    public ReadOnlySpan<int> Batch(int b)
    {
        var start = b * BatchSize;
        return _order.AsSpan(start, Math.Min(BatchSize, _order.Length - start));
    }
}
