namespace Harness.Train.Modules;

/// <summary>
/// Batch normalization over [N, C] (or [N, C, L]) with PyTorch's conventions: momentum weighs the new batch
/// (default 0.1), running_var tracks the unbiased batch variance, num_batches_tracked counts training batches.
/// </summary>
public sealed class BatchNorm1d : BatchNormBase
{
    private static readonly int[] Ranks = [2, 3];

    /// <summary>Batch normalization over <paramref name="features"/> channels of [N, C] or [N, C, L] inputs.</summary>
    public BatchNorm1d(long features, double eps = 1e-5, double momentum = 0.1)
        : base(features, eps, momentum)
    {
    }

    /// <inheritdoc />
    protected override IReadOnlyList<int> AcceptedRanks => Ranks;
}
