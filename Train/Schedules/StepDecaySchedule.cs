namespace Harness.Train.Schedules;

/// <summary>Step decay, PyTorch's StepLR: lr(t) = base · γ^⌊t / stepSize⌋.</summary>
public sealed class StepDecaySchedule : ILearningRateSchedule
{
    public StepDecaySchedule(double baseLearningRate, long stepSize, double gamma)
    {
        BaseLearningRate = LearningRateScheduleExtensions.CheckRate(baseLearningRate, nameof(baseLearningRate), allowZero: false);
        if (stepSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(stepSize), $"StepSize = {stepSize}: must be at least 1.");
        }

        if (!(gamma > 0) || gamma > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(gamma), $"Gamma = {gamma}: must be above 0 and at most 1.");
        }

        StepSize = stepSize;
        Gamma = gamma;
    }

    public double BaseLearningRate { get; }

    public long StepSize { get; }

    public double Gamma { get; }

    public double LearningRate(long step)
    {
        LearningRateScheduleExtensions.CheckStep(step);
        return BaseLearningRate * Math.Pow(Gamma, step / StepSize);
    }
}
