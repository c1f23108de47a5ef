using Harness.Train.Configuration;

namespace Harness.Train.Schedules;

/// <summary>Builds the configured learning-rate schedule over optimizer steps.</summary>
public static class ScheduleFactory
{
    /// <param name="options">The Schedule section.</param>
    /// <param name="baseLearningRate">The optimizer's configured learning rate.</param>
    /// <param name="stepsPerEpoch">Optimizer steps per epoch (converts WarmupEpochs and StepSize).</param>
    /// <param name="totalSteps">Optimizer steps of the whole run (length of the cosine decay plus warm-up).</param>
    public static ILearningRateSchedule Create(ScheduleOptions options, double baseLearningRate, long stepsPerEpoch, long totalSteps)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (stepsPerEpoch < 1 || totalSteps < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(stepsPerEpoch),
                $"Steps per epoch ({stepsPerEpoch}) and total steps ({totalSteps}) must both be at least 1.");
        }

        long warmup = options.WarmupSteps > 0 ? options.WarmupSteps : (long)options.WarmupEpochs * stepsPerEpoch;
        if (warmup >= totalSteps && options.Kind.Equals("cosine", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentOutOfRangeException(nameof(options),
                $"Schedule warm-up of {warmup} steps leaves nothing of the {totalSteps} steps for the cosine decay.");
        }

        ILearningRateSchedule after = options.Kind.ToLowerInvariant() switch
        {
            "constant" => new ConstantSchedule(baseLearningRate),
            "cosine" => new CosineSchedule(baseLearningRate, totalSteps - warmup, options.MinLr),
            "step" => new StepDecaySchedule(baseLearningRate, (long)options.StepSize * stepsPerEpoch, options.Gamma),
            _ => throw new ArgumentException($"Schedule:Kind = '{options.Kind}': must be one of constant, cosine, step.", nameof(options)),
        };
        return warmup > 0 ? new WarmupSchedule(after, warmup, options.WarmupStartLr) : after;
    }
}
