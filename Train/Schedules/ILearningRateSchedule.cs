using Harness.Train.Optim;

namespace Harness.Train.Schedules;

/// <summary>A learning rate as a function of the optimizer step.</summary>
public interface ILearningRateSchedule
{
    /// <summary>The learning rate for optimizer step <paramref name="step"/> (0-based: the first step is 0).</summary>
    double LearningRate(long step);
}

/// <summary>Applying a schedule to an optimizer.</summary>
public static class LearningRateScheduleExtensions
{
    /// <summary>Sets the optimizer's learning rate for its next step (step number = <see cref="Optimizer.StepCount"/>).</summary>
    public static double ApplyTo(this ILearningRateSchedule schedule, Optimizer optimizer)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(optimizer);
        var lr = schedule.LearningRate(optimizer.StepCount);
        optimizer.LearningRate = lr;
        return lr;
    }

    internal static void CheckStep(long step)
    {
        if (step < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(step), $"Schedule step = {step}: must be >= 0.");
        }
    }

    internal static double CheckRate(double value, string name, bool allowZero)
    {
        if (double.IsNaN(value) || double.IsInfinity(value) || value < 0 || (!allowZero && value == 0))
        {
            throw new ArgumentOutOfRangeException(name, $"{name} = {value}: must be a {(allowZero ? "finite number >= 0" : "positive number")}.");
        }

        return value;
    }
}
