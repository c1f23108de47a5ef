using Harness.Core;
using Harness.Core.Configuration;
using Harness.Sim;
using Harness.Sim.Data;
using Harness.Sim.Layouts;
using NUnit.Framework;

namespace Harness.Tests.Sim;

[TestFixture]
public sealed class ShiftTests
{
    private static readonly SimOptions Base = new() { Agents = 64 };

    [Test]
    public void DefaultsAreInDistributionAndEveryKnobIsAShift()
    {
        Assert.That(Base.IsInDistribution, Is.True);
        Assert.That(Base.Validate(), Is.Empty);
        foreach (var shifted in new[]
                 {
                     Base with { Layouts = "Novel" }, Base with { HazardDensity = 2 }, Base with { SensorNoise = 0.1 },
                     Base with { Palette = "Inverted" }, Base with { Brightness = 0.5 }, Base with { Contrast = 1.5 },
                     Base with { Mines = 3 },
                 })
        {
            Assert.That(shifted.IsInDistribution, Is.False, shifted.ToString());
        }
    }

    [Test]
    public void BadValuesAreAllReportedWithKeyValueAndRange()
    {
        var errors = new SimOptions { Agents = 0, Layouts = "Maze", HazardDensity = 9, SensorNoise = -1, Palette = "Sepia", Brightness = 3, Mines = 100 }
            .Validate().ToList();
        Assert.That(errors, Does.Contain("Agents = 0: must be between 1 and 4096"));
        Assert.That(errors, Does.Contain("Layouts = 'Maze': must be one of Train, Novel"));
        Assert.That(errors, Does.Contain("HazardDensity = 9: must be between 0 and 4"));
        Assert.That(errors, Does.Contain("SensorNoise = -1: must be between 0 and 0.5"));
        Assert.That(errors, Does.Contain("Palette = 'Sepia': must be one of Standard, Inverted, Grayscale"));
        Assert.That(errors, Does.Contain("Brightness = 3: must be between 0.25 and 2"));
        Assert.That(errors, Does.Contain("Mines = 100: must be between 0 and 64"));
        Assert.Throws<ArgumentException>(() => World.Create(new SimOptions { Agents = 0 }, 1));
    }

    [Test]
    public void TheRepositorySettingsBindToValidInDistributionOptions()
    {
        var (configuration, _) = HarnessConfiguration.Load([], RepoPaths.AppSettings);
        var binder = new OptionsBinder(configuration);
        var options = binder.Bind<SimOptions>("Sim");
        binder.ThrowIfInvalid();
        Assert.That(options.IsInDistribution, Is.True);
        Assert.That(options, Is.EqualTo(new SimOptions()), "appsettings.json states the code's defaults");
    }

    [Test]
    public void HazardDensityRaisesHowOftenRaysSeeHazards()
    {
        var plain = MeanObservation(Base, 1);
        var dense = MeanObservation(Base with { HazardDensity = 3 }, 1);
        Assert.That(HitRate(dense, EntityKind.Hazard), Is.GreaterThan(2 * HitRate(plain, EntityKind.Hazard)));
        Assert.That(HitRate(dense, EntityKind.Drone), Is.GreaterThan(1.5 * HitRate(plain, EntityKind.Drone)));
    }

    [Test]
    public void SensorNoiseChangesDistancesButNotTheMeanHitKinds()
    {
        var world = World.Create(Base with { SensorNoise = 0.1 }, 2);
        float[] noisy = new float[Observation.Size], clean = new float[Observation.Size];
        double squared = 0;
        for (var i = 0; i < world.AgentCount; i++)
        {
            world.Observe(i, noisy);
            world.ObserveTrue(i, clean);
            for (var j = 0; j < Observation.RayCount; j++)
            {
                var d = noisy[Observation.Distance(j)] - clean[Observation.Distance(j)];
                squared += d * d;
                Assert.That(Observation.HitKind(noisy, j), Is.EqualTo(Observation.HitKind(clean, j)));
            }
        }

        var rms = Math.Sqrt(squared / (world.AgentCount * Observation.RayCount));
        Assert.That(rms, Is.InRange(0.05, 0.1), "clamping to [0, 1] trims some of σ = 0.1");
    }

    [Test]
    public void NovelLayoutsAreLongThinWallsUnlikeTrainBlocks()
    {
        var train = Enumerable.Range(0, 20).SelectMany(s => LayoutGenerator.Generate(Base, (ulong)s)).ToList();
        var novel = Enumerable.Range(0, 20).SelectMany(s => LayoutGenerator.Generate(Base with { Layouts = "Novel" }, (ulong)s)).ToList();
        Assert.That(train.Min(b => Math.Min(b.Width, b.Height)), Is.GreaterThanOrEqualTo(1.5f));
        Assert.That(novel.Count(b => Math.Min(b.Width, b.Height) < 0.5f), Is.EqualTo(novel.Count));

        // The Train family repeats LayoutCount layouts; the Novel family does not.
        var trainDistinct = Enumerable.Range(0, 200).Select(s => LayoutGenerator.Generate(Base, (ulong)s)[0]).Distinct().Count();
        Assert.That(trainDistinct, Is.LessThanOrEqualTo(Base.LayoutCount));
        var novelDistinct = Enumerable.Range(0, 200).Select(s => LayoutGenerator.Generate(Base with { Layouts = "Novel" }, (ulong)s)[0]).Distinct().Count();
        Assert.That(novelDistinct, Is.EqualTo(200));

        var plain = MeanObservation(Base, 3);
        var shifted = MeanObservation(Base with { Layouts = "Novel" }, 3);
        Assert.That(MeanDistance(shifted), Is.Not.EqualTo(MeanDistance(plain)).Within(0.01));
    }

    [Test]
    public void MinesAppearOnlyUnderTheUnseenEntityShift()
    {
        Assert.That(HitRate(MeanObservation(Base, 4), EntityKind.Mine), Is.Zero);
        Assert.That(HitRate(MeanObservation(Base with { Mines = 8 }, 4), EntityKind.Mine), Is.GreaterThan(0.01));
    }

    [Test]
    public void PaletteAndLightingChangeTheViewsButNotTheLabels()
    {
        var plain = ViewClassificationData.Generate(Base, 50, seed: 6);
        var inverted = ViewClassificationData.Generate(Base with { Palette = "Inverted" }, 50, seed: 6);
        var dim = ViewClassificationData.Generate(Base with { Brightness = 0.5 }, 50, seed: 6);
        var gray = ViewClassificationData.Generate(Base with { Palette = "Grayscale" }, 50, seed: 6);

        Assert.That(inverted.Labels, Is.EqualTo(plain.Labels));
        Assert.That(inverted.Pixels.Zip(plain.Pixels).All(p => p.First == 255 - p.Second), Is.True);
        Assert.That(dim.Pixels.Average(p => p), Is.LessThan(0.6 * plain.Pixels.Average(p => p)));
        const int plane = 32 * 32;
        for (var i = 0; i < gray.Count; i++)
        {
            var image = gray.Image(i);
            Assert.That(image[..plane].SequenceEqual(image[plane..(2 * plane)]), Is.True, "grayscale: equal channels");
        }
    }

    private static double[] MeanObservation(SimOptions options, ulong seed)
    {
        var mean = new double[Observation.Size];
        var batch = new float[options.Agents * Observation.Size];
        var actions = new int[options.Agents];
        var samples = 0;
        for (var w = 0UL; w < 3; w++)
        {
            var world = World.Create(options, seed * 100 + w);
            var random = new Harness.Sim.Policies.RandomPolicy(w);
            for (var t = 0; t < 20; t++)
            {
                random.Act(world, actions);
                world.Step(actions);
                world.ObserveAll(batch);
                for (var k = 0; k < batch.Length; k++)
                {
                    mean[k % Observation.Size] += batch[k];
                }

                samples += world.AgentCount;
            }
        }

        return mean.Select(m => m / samples).ToArray();
    }

    private static double HitRate(double[] mean, EntityKind kind) =>
        Enumerable.Range(0, Observation.RayCount).Average(j => mean[Observation.Hit(j, kind)]);

    private static double MeanDistance(double[] mean) =>
        Enumerable.Range(0, Observation.RayCount).Average(j => mean[Observation.Distance(j)]);
}
