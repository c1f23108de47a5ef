using Harness.Core;
using Harness.Core.Configuration;
using Harness.Train.Configuration;
using NUnit.Framework;

namespace Harness.Tests.Core;

[TestFixture]
public sealed class ConfigurationTests
{
    private string _settings = "";

    [SetUp]
    public void WriteSettings()
    {
        _settings = Path.Combine(Path.GetTempPath(), $"harness-settings-{Guid.NewGuid():N}.json");
        File.WriteAllText(_settings, """{ "Train": { "Epochs": 2, "Dropout": 0.1 }, "Run": { "Name": "x" } }""");
    }

    [TearDown]
    public void Remove()
    {
        File.Delete(_settings);
        Environment.SetEnvironmentVariable("HARNESS__Train__Epochs", null);
    }

    [Test]
    public void EnvironmentOverridesTheFileAndTheCommandLineOverridesBoth()
    {
        Environment.SetEnvironmentVariable("HARNESS__Train__Epochs", "5");
        var (fromEnv, _) = HarnessConfiguration.Load([], _settings);
        Assert.That(new OptionsBinder(fromEnv).Bind<TrainOptions>("Train").Epochs, Is.EqualTo(5));

        var (fromArgs, positional) = HarnessConfiguration.Load(["model.onnx", "--Train:Epochs=7", "--Train:Dropout", "0.3"], _settings);
        var options = new OptionsBinder(fromArgs).Bind<TrainOptions>("Train");
        Assert.That(options.Epochs, Is.EqualTo(7));
        Assert.That(options.Dropout, Is.EqualTo(0.3));
        Assert.That(positional, Is.EqualTo(new[] { "model.onnx" }));
    }

    [Test]
    public void EveryBadValueIsListedInOneMessage()
    {
        var (configuration, _) = HarnessConfiguration.Load(
            ["--Train:Dropout=1.2", "--Train:WeightDecay=-1", "--Train:Epoch=3", "--Train:BatchSize=abc", "--Run:Seed=-4"], _settings);
        var binder = new OptionsBinder(configuration);
        binder.Bind<TrainOptions>("Train");
        binder.Bind<RunOptions>("Run");

        var error = Assert.Throws<UsageException>(binder.ThrowIfInvalid);

        Assert.That(error!.Message, Does.Contain("Train:Dropout = 1.2: must be at least 0 and below 1"));
        Assert.That(error.Message, Does.Contain("Train:WeightDecay = -1: must be between 0 and 1"));
        Assert.That(error.Message, Does.Contain("Train:Epoch is not a known setting"));
        Assert.That(error.Message, Does.Contain("Train:BatchSize = 'abc': not a valid whole number"));
        Assert.That(error.Message, Does.Contain("Run:Seed = -4"));
    }

    [Test]
    public void DefaultsInTheRepositorysSettingsAreValid()
    {
        var (configuration, _) = HarnessConfiguration.Load([]);
        var binder = new OptionsBinder(configuration);
        binder.Bind<TrainOptions>("Train");
        binder.Bind<DataOptions>("Data");
        binder.Bind<RunOptions>("Run");
        Assert.DoesNotThrow(binder.ThrowIfInvalid);
    }

    [Test]
    public void OverrideWithoutValueIsAUsageError()
    {
        Assert.Throws<UsageException>(() => HarnessConfiguration.Load(["--Train:Epochs"], _settings));
    }
}
