using Harness.Train.Torch;

namespace Harness.Train.Modules;

/// <summary>
/// Shared state and forward pass of <see cref="BatchNorm1d"/> and <see cref="BatchNorm2d"/>, with PyTorch's
/// conventions: momentum weighs the new batch (default 0.1), running_var tracks the unbiased batch variance,
/// num_batches_tracked counts training batches. State names: weight, bias, running_mean, running_var,
/// num_batches_tracked.
/// </summary>
public abstract class BatchNormBase : Module
{
    /// <summary>Creates the affine parameters (1, 0) and the running statistics (0, 1) for <paramref name="features"/> channels.</summary>
    /// <param name="features">Channels (dimension 1 of the input), at least 1.</param>
    /// <param name="eps">Added to the variance before the square root; must be positive.</param>
    /// <param name="momentum">Weight of the new batch statistic in the running average, in [0, 1].</param>
    protected BatchNormBase(long features, double eps, double momentum)
    {
        if (features < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(features), $"{GetType().Name}({features}): features must be >= 1.");
        }

        if (double.IsNaN(momentum) || momentum is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(momentum), $"BatchNorm momentum {momentum} is outside [0, 1].");
        }

        if (!(eps > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(eps), $"{GetType().Name} eps {eps} must be positive.");
        }

        Features = features;
        Eps = eps;
        Momentum = momentum;
        Weight = RegisterParameter("weight", Tensor.Ones([features]));
        Bias = RegisterParameter("bias", Tensor.Zeros([features]));
        RunningMean = RegisterBuffer("running_mean", Tensor.Zeros([features]));
        RunningVar = RegisterBuffer("running_var", Tensor.Ones([features]));
        NumBatchesTracked = RegisterBuffer("num_batches_tracked", Tensor.Zeros([], DType.Int64));
    }

    /// <summary>Number of channels.</summary>
    public long Features { get; }

    /// <summary>Added to the variance before the square root.</summary>
    public double Eps { get; }

    /// <summary>PyTorch convention: the weight of the new batch statistic in the running average.</summary>
    public double Momentum { get; }

    /// <summary>Per-channel scale γ, shape [features].</summary>
    public Tensor Weight { get; }

    /// <summary>Per-channel shift β, shape [features].</summary>
    public Tensor Bias { get; }

    /// <summary>Running mean of the batch means, shape [features].</summary>
    public Tensor RunningMean { get; }

    /// <summary>Running mean of the unbiased batch variances, shape [features].</summary>
    public Tensor RunningVar { get; }

    /// <summary>Number of training batches seen (int64 scalar).</summary>
    public Tensor NumBatchesTracked { get; }

    /// <summary>Input ranks this layer accepts (BatchNorm1d: 2 or 3; BatchNorm2d: 4).</summary>
    protected abstract IReadOnlyList<int> AcceptedRanks { get; }

    /// <summary>
    /// Training: normalizes with the batch statistics and updates the running ones; evaluation: uses the running
    /// statistics. Throws when a training batch has a single value per channel (the variance is undefined).
    /// </summary>
    public override Tensor Forward(Tensor input)
    {
        var shape = input.Shape;
        if (!AcceptedRanks.Contains(shape.Length) || shape[1] != Features)
        {
            throw new TorchException(
                $"{GetType().Name}({Features}): expected input of rank {string.Join(" or ", AcceptedRanks)} with " +
                $"{Features} channels in dimension 1, got shape [{string.Join(", ", shape)}].");
        }

        if (IsTraining)
        {
            long perChannel = shape[0];
            for (var i = 2; i < shape.Length; i++)
            {
                perChannel *= shape[i];
            }

            if (perChannel <= 1)
            {
                throw new TorchException(
                    $"{GetType().Name}: expected more than 1 value per channel when training, got input of shape " +
                    $"[{string.Join(", ", shape)}]. Use a batch of at least 2 or call Eval().");
            }

            NumBatchesTracked.AddInPlace(1);
        }

        return Functional.BatchNorm(input, Weight, Bias, RunningMean, RunningVar, IsTraining, Momentum, Eps);
    }
}
