using Harness.Core;
using Harness.Core.Configuration;
using Harness.Train.Configuration;
using Harness.Train.Data;
using Harness.Train.Data.Augmentation;
using Microsoft.Extensions.Configuration;
using NUnit.Framework;

namespace Harness.Tests.Train.Data;

[TestFixture]
public sealed class AugmentationPipelineTests
{
    private static AugmentOptions Everything() => new()
    {
        CropPadding = 3, HorizontalFlip = 0.5, Rotation = 15, Translation = 0.1, Brightness = 0.4, Contrast = 0.4,
        Erasing = 0.5, ErasingFill = "random", NoiseStd = 0.05, RandAugmentN = 2, RandAugmentM = 12,
    };

    [Test]
    public void SameSampleSeedGivesTheSameBitsAndEveryValueStaysInRange()
    {
        var shape = new ImageShape(3, 32, 32);
        var pipeline = new AugmentationPipeline(Everything(), shape);
        var scratch = new float[pipeline.ScratchLength];
        var outputs = new List<float[]>();
        for (var index = 0; index < 30; index++)
        {
            var a = TestImages.Random(shape, 7);
            var b = TestImages.Random(shape, 7);
            var ra = SplitMix64.ForSample(42, 3, index);
            var rb = SplitMix64.ForSample(42, 3, index);
            pipeline.Apply(a, ref ra, scratch);
            pipeline.Apply(b, ref rb, scratch);
            Assert.That(a, Is.EqualTo(b));
            Assert.That(a, Has.All.InRange(0f, 1f));
            outputs.Add(a);
        }

        Assert.That(outputs.Select(o => string.Join(",", o)).Distinct().Count(), Is.EqualTo(outputs.Count),
            "different sample indices draw different augmentations");
    }

    [Test]
    public void DisabledOrAllZeroOptionsGiveNoPipelineAndFlipDefaultsToTheDataset()
    {
        var shape = new ImageShape(1, 28, 28);
        Assert.That(AugmentationPipeline.Create(new AugmentOptions { Enabled = false }, shape), Is.Null);
        Assert.That(AugmentationPipeline.Create(new AugmentOptions { CropPadding = 0, Erasing = 0 }, shape), Is.Null);

        Assert.That(new AugmentationPipeline(new AugmentOptions(), shape, defaultFlip: 0.5).FlipProbability, Is.EqualTo(0.5));
        Assert.That(new AugmentationPipeline(new AugmentOptions(), shape).FlipProbability, Is.Zero);
        Assert.That(new AugmentationPipeline(new AugmentOptions { HorizontalFlip = 0 }, shape, 0.5).FlipProbability, Is.Zero);
    }

    [Test]
    public void BadOptionsNameKeyValueAndRange()
    {
        var options = new AugmentOptions
        {
            CropPadding = -1, HorizontalFlip = 1.5, ErasingScaleMin = 0.4, ErasingScaleMax = 0.1, RandAugmentM = 31,
            ErasingFill = "grey",
        };
        var errors = options.Validate().ToList();
        Assert.That(errors, Does.Contain("CropPadding = -1: must be between 0 and 64"));
        Assert.That(errors, Does.Contain("HorizontalFlip = 1.5: must be between 0 and 1"));
        Assert.That(errors, Does.Contain("ErasingScaleMax = 0.1: must be at least ErasingScaleMin (0.4)"));
        Assert.That(errors, Does.Contain("RandAugmentM = 31: must be between 0 and 30"));
        Assert.That(errors, Does.Contain("ErasingFill = 'grey': must be one of zero, random"));
        Assert.That(new AugmentOptions().Validate(), Is.Empty);
        Assert.That(new DataOptions().Validate(), Is.Empty);
    }

    [Test]
    public void SectionsBindThroughTheOptionsBinder()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Augment:HorizontalFlip"] = "0.25", ["Augment:RandAugmentN"] = "2",
            ["Data:Dataset"] = "cifar10", ["Data:LoaderWorkers"] = "0", ["Data:TrainSubset"] = "2000",
        }).Build();
        var binder = new OptionsBinder(configuration);
        var augment = binder.Bind<AugmentOptions>("Augment");
        var data = binder.Bind<DataOptions>("Data");
        Assert.That(augment.HorizontalFlip, Is.EqualTo(0.25));
        Assert.That(augment.RandAugmentN, Is.EqualTo(2));
        Assert.That(data.IsCifar10 && data.TrainSubset == 2000, Is.True);
        var error = Assert.Throws<UsageException>(binder.ThrowIfInvalid);
        Assert.That(error!.Message, Does.Contain("Data:LoaderWorkers = 0: must be between 1 and 64"));

        var unset = new OptionsBinder(new ConfigurationBuilder().Build()).Bind<AugmentOptions>("Augment");
        Assert.That(unset.HorizontalFlip, Is.Null);
    }
}
