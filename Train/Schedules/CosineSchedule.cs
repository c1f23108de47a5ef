namespace Harness.Train.Schedules;

/// <summary>
/// Cosine annealing, the closed form of PyTorch's CosineAnnealingLR over one half period:
/// lr(t) = min + (base − min) · (1 + cos(π · t / T)) / 2 for t ≤ T, and min after T.
/// </summary>
public sealed class CosineSchedule : ILearningRateSchedule
{
    public CosineSchedule(double baseLearningRate, long totalSteps, double minLearningRate = 0)
    {
        BaseLearningRate = LearningRateScheduleExtensions.CheckRate(baseLearningRate, nameof(baseLearningRate), allowZero: false);
        MinLearningRate = LearningRateScheduleExtensions.CheckRate(minLearningRate, nameof(minLearningRate), allowZero: true);
        if (totalSteps < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(totalSteps), $"Cosine schedule length = {totalSteps}: must be at least 1 step.");
        }

        if (MinLearningRate > BaseLearningRate)
        {
            throw new ArgumentOutOfRangeException(nameof(minLearningRate),
                $"MinLr = {minLearningRate}: must not exceed the base learning rate {baseLearningRate}.");
        }

        TotalSteps = totalSteps;
    }

    public double BaseLearningRate { get; }

    public long TotalSteps { get; }

    public double MinLearningRate { get; }

    public double LearningRate(long step)
    {
        LearningRateScheduleExtensions.CheckStep(step);
        if (step >= TotalSteps)
        {
            return MinLearningRate;
        }

        return MinLearningRate + (BaseLearningRate - MinLearningRate) * (1 + Math.Cos(Math.PI * step / TotalSteps)) / 2;
    }
}
