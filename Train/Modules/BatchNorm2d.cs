namespace Harness.Train.Modules;

/// <summary>
/// Batch normalization over the channels of [N, C, H, W] inputs (statistics over N, H and W), with the same
/// conventions as <see cref="BatchNorm1d"/>: momentum weighs the new batch, running_var is unbiased,
/// num_batches_tracked counts training batches, and a training batch with one value per channel is refused.
/// </summary>
public sealed class BatchNorm2d : BatchNormBase
{
    private static readonly int[] Ranks = [4];

    /// <summary>Batch normalization over <paramref name="features"/> channels of [N, C, H, W] inputs.</summary>
    public BatchNorm2d(long features, double eps = 1e-5, double momentum = 0.1)
        : base(features, eps, momentum)
    {
    }

    /// <inheritdoc />
    protected override IReadOnlyList<int> AcceptedRanks => Ranks;
}
