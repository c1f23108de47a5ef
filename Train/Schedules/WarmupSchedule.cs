namespace Harness.Train.Schedules;

/// <summary>
/// Linear warm-up in front of another schedule: for t &lt; W, lr(t) = start + (after(0) − start) · t / W (PyTorch's
/// LinearLR); from W on, lr(t) = after(t − W), so the following schedule starts at the end of warm-up (as with
/// SequentialLR). Warm-up then cosine: <c>new WarmupSchedule(new CosineSchedule(base, T − W, min), W, start)</c>.
/// </summary>
public sealed class WarmupSchedule : ILearningRateSchedule
{
    public WarmupSchedule(ILearningRateSchedule after, long warmupSteps, double startLearningRate = 0)
    {
        ArgumentNullException.ThrowIfNull(after);
        if (warmupSteps < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(warmupSteps), $"Warm-up steps = {warmupSteps}: must be >= 0.");
        }

        After = after;
        WarmupSteps = warmupSteps;
        StartLearningRate = LearningRateScheduleExtensions.CheckRate(startLearningRate, nameof(startLearningRate), allowZero: true);
    }

    public ILearningRateSchedule After { get; }

    public long WarmupSteps { get; }

    public double StartLearningRate { get; }

    public double LearningRate(long step)
    {
        LearningRateScheduleExtensions.CheckStep(step);
        if (step >= WarmupSteps)
        {
            return After.LearningRate(step - WarmupSteps);
        }

        var target = After.LearningRate(0);
        return StartLearningRate + (target - StartLearningRate) * step / WarmupSteps;
    }
}
