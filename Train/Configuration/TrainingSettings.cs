using Harness.Core.Configuration;
using Harness.Sim;
using Microsoft.Extensions.Configuration;

namespace Harness.Train.Configuration;

/// <summary>
/// Every section a training run reads, bound and validated together so that all bad values of all sections are
/// reported in one message before any work starts. <see cref="Sim"/> is the world that generates the Sim datasets
/// when Data:Dataset = sim-features and its files are missing.
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
    TrainOptions Train,
    SimOptions Sim)
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
            binder.Bind<TrainOptions>("Train"),
            binder.Bind<SimOptions>("Sim"));
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

        if (Data.IsSimFeatures)
        {
            const string why = $"Data:Dataset = '{DataOptions.SimFeaturesName}' holds float feature rows, not images";
            if (Augment.Enabled)
            {
                yield return $"Augment:Enabled = true: {why}, so image augmentation cannot apply; allowed: false";
            }

            if (Mix.Enabled)
            {
                yield return $"Mix:MixupAlpha = {Mix.MixupAlpha}, Mix:CutmixAlpha = {Mix.CutmixAlpha}: {why}, so mixup/cutmix " +
                             "cannot apply; allowed: both 0";
            }

            if (Model.KindName() != "mlp")
            {
                yield return $"Model:Kind = '{Model.Kind}': {why}; allowed: mlp";
            }
        }
    }
}
