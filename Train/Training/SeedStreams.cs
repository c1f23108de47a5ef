using Harness.Train.Data;

namespace Harness.Train.Training;

/// <summary>
/// Seeds derived from the run seed per purpose and epoch, so that an epoch's randomness (dropout masks, noise,
/// mixing) depends only on (seed, epoch): a run resumed at an epoch boundary repeats the uninterrupted run exactly.
/// </summary>
public static class SeedStreams
{
    private const ulong TorchStream = 0x544F524348000000; // "TORCH"
    private const ulong MixStream = 0x4D49580000000000; // "MIX"

    /// <summary>The libtorch generator seed for <paramref name="epoch"/> (0 = model initialization).</summary>
    public static ulong Torch(long seed, int epoch) => SplitMix64.ForStream(seed, TorchStream + (ulong)epoch).NextUInt64();

    /// <summary>The mixup/cutmix seed for <paramref name="epoch"/>.</summary>
    public static int Mix(long seed, int epoch) => (int)(SplitMix64.ForStream(seed, MixStream + (ulong)epoch).NextUInt64() >> 33);
}
