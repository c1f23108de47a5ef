namespace Harness.Train.Schedules;

/// <summary>The same learning rate at every step.</summary>
public sealed class ConstantSchedule : ILearningRateSchedule
{
    public ConstantSchedule(double learningRate) =>
        Rate = LearningRateScheduleExtensions.CheckRate(learningRate, nameof(learningRate), allowZero: false);

    public double Rate { get; }

    public double LearningRate(long step)
    {
        LearningRateScheduleExtensions.CheckStep(step);
        return Rate;
    }
}
