using Harness.Core;
using Harness.Core.Configuration;
using Harness.Train.Configuration;
using Microsoft.Extensions.Configuration;
using NUnit.Framework;

namespace Harness.Tests.Train;

/// <summary>The optimization/regularization option classes: valid defaults, every bad value named in one message.</summary>
[TestFixture]
public sealed class RegularizationOptionsTests
{
    [Test]
    public void DefaultsAreValid()
    {
        IValidatedOptions[] all = [new OptimizerOptions(), new RegularizationOptions(), new ScheduleOptions(), new MixOptions(), new DistillationOptions()];
        foreach (var options in all)
        {
            Assert.That(options.Validate(), Is.Empty, options.GetType().Name);
        }
    }

    [Test]
    public void EveryBadValueIsReportedWithKeyValueAndRange()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Optimizer:Kind"] = "rmsprop",
            ["Optimizer:Beta2"] = "1",
            ["Optimizer:Momentum"] = "0",
            ["Optimizer:Nesterov"] = "true",
            ["Regularization:L1"] = "-0.1",
            ["Regularization:LabelSmoothing"] = "1",
            ["Regularization:EarlyStoppingPatience"] = "-2",
            ["Schedule:Kind"] = "linear",
            ["Schedule:WarmupSteps"] = "100",
            ["Schedule:WarmupEpochs"] = "2",
            ["Mix:SwitchProb"] = "1.5",
            ["Distillation:Alpha"] = "2",
            ["Distillation:Self"] = "true",
        }).Build();
        var binder = new OptionsBinder(configuration);
        binder.Bind<OptimizerOptions>("Optimizer");
        binder.Bind<RegularizationOptions>("Regularization");
        binder.Bind<ScheduleOptions>("Schedule");
        binder.Bind<MixOptions>("Mix");
        binder.Bind<DistillationOptions>("Distillation");

        var message = Assert.Throws<UsageException>(binder.ThrowIfInvalid)!.Message;

        Assert.That(message, Does.Contain("Optimizer:Kind = 'rmsprop': must be one of adamw, adam, sgd"));
        Assert.That(message, Does.Contain("Optimizer:Beta2 = 1: must be at least 0 and below 1"));
        Assert.That(message, Does.Contain("Optimizer:Nesterov = true: needs Momentum above 0"));
        Assert.That(message, Does.Contain("Regularization:L1 = -0.1: must be between 0 and 1"));
        Assert.That(message, Does.Contain("Regularization:LabelSmoothing = 1: must be at least 0 and below 1"));
        Assert.That(message, Does.Contain("Regularization:EarlyStoppingPatience = -2: must be between 0 and 10000"));
        Assert.That(message, Does.Contain("Schedule:Kind = 'linear': must be one of constant, cosine, step"));
        Assert.That(message, Does.Contain("Schedule:WarmupSteps = 100: set either WarmupSteps or WarmupEpochs"));
        Assert.That(message, Does.Contain("Mix:SwitchProb = 1.5: must be between 0 and 1"));
        Assert.That(message, Does.Contain("Distillation:Alpha = 2: must be between 0 and 1"));
        Assert.That(message, Does.Contain("Distillation:Self = true: needs Teacher"));
    }

    [Test]
    public void ListsBindFromConfiguration()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Optimizer:NoDecaySuffixes:0"] = "bias",
            ["Optimizer:NoDecaySuffixes:1"] = "gain",
        }).Build();
        var binder = new OptionsBinder(configuration);
        var options = binder.Bind<OptimizerOptions>("Optimizer");
        binder.ThrowIfInvalid();
        Assert.That(options.NoDecaySuffixes, Is.EqualTo(new[] { "bias", "gain" }));
    }
}
