using Harness.Core.Configuration;
using Microsoft.Extensions.Configuration;

namespace Harness.Train.Configuration;

/// <summary>
/// Every section a training run reads, bound and validated together so that all bad values of all sections are
/// reported in one message before any work starts.
/// </summary>
public sealed record TrainingSettings(
    RunOptions Run,
    DataOptions Data,
    AugmentOptions Augment,
    ModelOptions Model,
    OptimizerOptions Optimizer,
    RegularizationOptions Regularization,
    ScheduleOptions Schedule,
    MixOptions Mix,
    DistillationOptions Distillation,
    TrainOptions Train)
{
    /// <summary>Binds and validates every section; throws one UsageException listing every problem.</summary>
    public static TrainingSettings Bind(IConfiguration configuration)
    {
        var binder = new OptionsBinder(configuration);
        var settings = Bind(binder);
        binder.ThrowIfInvalid();
        return settings;
    }

    /// <summary>Binds every section into <paramref name="binder"/> (call ThrowIfInvalid after binding the rest).</summary>
    public static TrainingSettings Bind(OptionsBinder binder)
    {
        var settings = new TrainingSettings(
            binder.Bind<RunOptions>("Run"),
            binder.Bind<DataOptions>("Data"),
            binder.Bind<AugmentOptions>("Augment"),
            binder.Bind<ModelOptions>("Model"),
            binder.Bind<OptimizerOptions>("Optimizer"),
            binder.Bind<RegularizationOptions>("Regularization"),
            binder.Bind<ScheduleOptions>("Schedule"),
            binder.Bind<MixOptions>("Mix"),
            binder.Bind<DistillationOptions>("Distillation"),
            binder.Bind<TrainOptions>("Train"));
        binder.AddErrors(settings.CrossSectionErrors());
        return settings;
    }

    /// <summary>Problems no single section can see.</summary>
    private IEnumerable<string> CrossSectionErrors()
    {
        if (Regularization.EarlyStoppingPatience > 0 && Data.ValidationSize == 0)
        {
            yield return $"Regularization:EarlyStoppingPatience = {Regularization.EarlyStoppingPatience}: needs a validation " +
                         "split (Data:ValidationSize > 0); early stopping never looks at the test set";
        }
    }
}
