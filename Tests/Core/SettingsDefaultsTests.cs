using Harness.Core.Configuration;
using Harness.Infer.Ort;
using Harness.Train.Configuration;
using NUnit.Framework;

namespace Harness.Tests.Core;

/// <summary>
/// appsettings.json holds every default, and the option classes hold the same ones: removing a key from the file
/// never changes behaviour, and the README's table (generated from the file) is the truth.
/// </summary>
[TestFixture]
public sealed class SettingsDefaultsTests
{
    private static readonly (string Section, Type Options)[] Sections =
    [
        ("Run", typeof(RunOptions)), ("Data", typeof(DataOptions)), ("Augment", typeof(AugmentOptions)),
        ("Model", typeof(ModelOptions)), ("Optimizer", typeof(OptimizerOptions)),
        ("Regularization", typeof(RegularizationOptions)), ("Schedule", typeof(ScheduleOptions)), ("Mix", typeof(MixOptions)),
        ("Distillation", typeof(DistillationOptions)), ("Train", typeof(TrainOptions)), ("Infer", typeof(OrtSessionSettings)),
        ("Sim", typeof(Harness.Sim.SimOptions)), ("Export", typeof(Harness.Export.Exporting.ExportOptions)),
        ("Uncertainty", typeof(Harness.Infer.Uncertainty.UncertaintyOptions)), ("Ablation", typeof(Harness.Train.Ablation.AblationOptions)),
        ("Play", typeof(Harness.Infer.Play.PlayOptions)),
    ];

    [TestCaseSource(nameof(Sections))]
    public void TheFilesValuesAreTheClassDefaults((string Section, Type Options) entry)
    {
        var (configuration, _) = HarnessConfiguration.Load([], Harness.Core.RepoPaths.AppSettings);
        var binder = new OptionsBinder(configuration);
        var bind = typeof(OptionsBinder).GetMethod(nameof(OptionsBinder.Bind))!.MakeGenericMethod(entry.Options);
        var bound = bind.Invoke(binder, [entry.Section])!;
        binder.ThrowIfInvalid();
        var defaults = Activator.CreateInstance(entry.Options)!;
        foreach (var property in entry.Options.GetProperties().Where(p => p.CanWrite))
        {
            Assert.That(property.GetValue(bound), Is.EqualTo(property.GetValue(defaults)), $"{entry.Section}:{property.Name}");
        }
    }
}
