using Harness.Train.Torch;

namespace Harness.Train.Modules;

/// <summary>
/// Batch normalization over [N, C] (or [N, C, L]) with PyTorch's conventions: momentum weighs the new batch
/// (default 0.1), running_var tracks the unbiased batch variance, num_batches_tracked counts training batches.
/// </summary>
public sealed class BatchNorm1d : Module
{
    public BatchNorm1d(long features, double eps = 1e-5, double momentum = 0.1)
    {
        if (features < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(features), $"BatchNorm1d({features}): features must be >= 1.");
        }

        if (momentum is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(momentum), $"BatchNorm momentum {momentum} is outside [0, 1].");
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

    public long Features { get; }

    public double Eps { get; }

    /// <summary>PyTorch convention: the weight of the new batch statistic in the running average.</summary>
    public double Momentum { get; }

    public Tensor Weight { get; }

    public Tensor Bias { get; }

    public Tensor RunningMean { get; }

    public Tensor RunningVar { get; }

    public Tensor NumBatchesTracked { get; }

    public override Tensor Forward(Tensor input)
    {
        if (IsTraining)
        {
            var shape = input.Shape;
            long perChannel = shape[0];
            for (var i = 2; i < shape.Length; i++)
            {
                perChannel *= shape[i];
            }

            if (perChannel <= 1)
            {
                throw new TorchException(
                    $"BatchNorm1d: expected more than 1 value per channel when training, got input of shape " +
                    $"[{string.Join(", ", shape)}]. Use a batch of at least 2 or call Eval().");
            }

            NumBatchesTracked.AddInPlace(1);
        }

        return Functional.BatchNorm(input, Weight, Bias, RunningMean, RunningVar, IsTraining, Momentum, Eps);
    }
}
