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
        File.WriteAllText(_settings, """
            { "Train": { "Epochs": 2, "BatchSize": 64 }, "Model": { "Dropout": 0.1 }, "Run": { "Name": "x" },
              "Profiles": { "quick": { "Train": { "Epochs": 3 }, "Run": { "Name": "q" } } } }
            """);
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

        var (fromArgs, positional) = HarnessConfiguration.Load(["model.onnx", "--Train:Epochs=7", "--Train:BatchSize", "32"], _settings);
        var options = new OptionsBinder(fromArgs).Bind<TrainOptions>("Train");
        Assert.That(options.Epochs, Is.EqualTo(7));
        Assert.That(options.BatchSize, Is.EqualTo(32));
        Assert.That(positional, Is.EqualTo(new[] { "model.onnx" }));
    }

    [Test]
    public void AProfileSitsBetweenTheFileAndTheEnvironment()
    {
        var (profiled, rest) = HarnessConfiguration.Load(["--profile", "quick", "x.onnx"], _settings);
        Assert.That(new OptionsBinder(profiled).Bind<TrainOptions>("Train").Epochs, Is.EqualTo(3));
        Assert.That(new OptionsBinder(profiled).Bind<TrainOptions>("Train").BatchSize, Is.EqualTo(64), "keys the profile leaves alone keep the file's value");
        Assert.That(new OptionsBinder(profiled).Bind<RunOptions>("Run").Profile, Is.EqualTo("quick"));
        Assert.That(rest, Is.EqualTo(new[] { "x.onnx" }));

        Environment.SetEnvironmentVariable("HARNESS__Train__Epochs", "5");
        var (withEnv, _) = HarnessConfiguration.Load(["--profile=quick"], _settings);
        Assert.That(new OptionsBinder(withEnv).Bind<TrainOptions>("Train").Epochs, Is.EqualTo(5));

        var (byDefault, _) = HarnessConfiguration.Load([], _settings, defaultProfile: "quick");
        Assert.That(new OptionsBinder(byDefault).Bind<RunOptions>("Run").Name, Is.EqualTo("q"));
        var error = Assert.Throws<UsageException>(() => HarnessConfiguration.Load(["--profile", "nope"], _settings));
        Assert.That(error!.Message, Does.Contain("Profile 'nope' is not defined").And.Contain("quick"));
    }

    [Test]
    public void EveryBadValueIsListedInOneMessage()
    {
        var (configuration, _) = HarnessConfiguration.Load(
            ["--Model:Dropout=1.2", "--Optimizer:WeightDecay=-1", "--Train:Epoch=3", "--Train:BatchSize=abc", "--Run:Seed=-4",
             "--Model:Kind=transformer"], _settings);
        var error = Assert.Throws<UsageException>(() => TrainingSettings.Bind(configuration));

        Assert.That(error!.Message, Does.Contain("Model:Dropout = 1.2"));
        Assert.That(error.Message, Does.Contain("Optimizer:WeightDecay = -1"));
        Assert.That(error.Message, Does.Contain("Model:Kind = 'transformer'"));
        Assert.That(error.Message, Does.Contain("Train:Epoch is not a known setting"));
        Assert.That(error.Message, Does.Contain("Train:BatchSize = 'abc': not a valid whole number"));
        Assert.That(error.Message, Does.Contain("Run:Seed = -4"));
    }

    [Test]
    public void DefaultsInTheRepositorysSettingsAreValid()
    {
        var (configuration, _) = HarnessConfiguration.Load([]);
        Assert.DoesNotThrow(() => TrainingSettings.Bind(configuration));
        var (skeleton, _) = HarnessConfiguration.Load(["--profile", "skeleton"]);
        Assert.DoesNotThrow(() => TrainingSettings.Bind(skeleton));
    }

    [Test]
    public void OverrideWithoutValueIsAUsageError()
    {
        Assert.Throws<UsageException>(() => HarnessConfiguration.Load(["--Train:Epochs"], _settings));
    }
}
