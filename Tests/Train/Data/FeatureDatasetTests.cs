using Harness.Core;
using Harness.Core.Configuration;
using Harness.Sim;
using Harness.Train.Configuration;
using Harness.Train.Data;
using Harness.Train.Data.Augmentation;
using Harness.Train.Models;
using NUnit.Framework;

namespace Harness.Tests.Train.Data;

[TestFixture]
public sealed class FeatureDatasetTests
{
    /// <summary>Rows whose feature f is drawn around f with spread f + 1; feature 3 is constant 7; 3 classes.</summary>
    private static FeatureDataset Rows(int count, int seed)
    {
        const int features = 4;
        var random = new Random(seed);
        var x = new float[count * features];
        var y = new int[count];
        for (var i = 0; i < count; i++)
        {
            for (var f = 0; f < 3; f++)
            {
                x[i * features + f] = (float)(f + (f + 1) * (random.NextDouble() * 2 - 1));
            }

            x[i * features + 3] = 7f;
            y[i] = i % 3;
        }

        return new FeatureDataset(x, y, features, 3);
    }

    [Test]
    public void StandardizationComesFromTheTrainingSplitAndGivesZeroMeanUnitStd()
    {
        var full = Rows(600, 1);
        var test = Rows(100, 2);
        var splits = DataSplits.Split(full, test, ["a", "b", "c"], 0, validationSize: 60, trainSubset: 0, seed: 5);
        var train = (FeatureDataset)splits.Train;
        Assert.That(splits.Normalization, Is.EqualTo(train.ComputeNormalization()).Using<Normalization>(
            (a, b) => a.Mean.SequenceEqual(b.Mean) && a.Std.SequenceEqual(b.Std)), "computed on the training split");
        Assert.That(splits.Normalization.Std[3], Is.EqualTo(1f), "a constant feature keeps std 1 (no division by 0)");
        Assert.That(splits.Normalization.Mean[3], Is.EqualTo(7f));

        var gathered = new float[train.Count * train.FeatureSize];
        train.Gather(Enumerable.Range(0, train.Count).ToArray(), splits.Normalization.Mean, splits.Normalization.Std, gathered, new long[train.Count]);
        for (var f = 0; f < 4; f++)
        {
            var column = Enumerable.Range(0, train.Count).Select(i => (double)gathered[i * 4 + f]).ToArray();
            var mean = column.Average();
            var std = Math.Sqrt(column.Sum(v => (v - mean) * (v - mean)) / column.Length);
            // float32 rows and statistics: agreement to float rounding over 540 rows.
            Assert.That(mean, Is.EqualTo(0).Within(1e-5), $"feature {f} mean");
            Assert.That(std, Is.EqualTo(f == 3 ? 0 : 1).Within(1e-4), $"feature {f} std");
        }

        Assert.That(splits.Validation.Count, Is.EqualTo(60));
        Assert.That(Enumerable.Range(0, 60).Select(splits.Validation.Label).GroupBy(l => l).Select(g => g.Count()), Has.All.EqualTo(20),
            "the validation split is stratified by class");
    }

    [Test]
    public void LoaderOverFeatureRowsIsDeterministicAcrossWorkerCounts()
    {
        var data = Rows(500, 3);
        var norm = Normalization.FromTrainingSet(data);
        float[] Epoch(int workers, int epoch)
        {
            using var loader = new PrefetchingBatchLoader(data, norm, null, 32, seed: 42, epoch, workers, prefetch: 2);
            var values = new List<float>();
            foreach (var batch in loader)
            {
                using (batch)
                {
                    Assert.That(batch.SampleSize, Is.EqualTo(4));
                    values.AddRange(batch.Inputs.ToArray());
                }
            }

            return values.ToArray();
        }

        var one = Epoch(1, 1);
        Assert.That(Epoch(3, 1), Is.EqualTo(one), "bitwise the same with 1 and 3 workers");
        Assert.That(one, Has.Length.EqualTo(500 * 4));
        Assert.That(Epoch(1, 2), Is.Not.EqualTo(one), "a new shuffle each epoch");
    }

    [Test]
    public void AugmentationOnFeatureRowsIsRefused()
    {
        var data = Rows(50, 4);
        var pipeline = new AugmentationPipeline(new AugmentOptions { NoiseStd = 0.1 }, new ImageShape(1, 2, 2));
        var error = Assert.Throws<ArgumentException>(() => new PrefetchingBatchLoader(data, Normalization.FromTrainingSet(data), pipeline, 8, 1, 1));
        Assert.That(error!.Message, Does.Contain("Augmentation is for images"));
    }

    [Test]
    public void FeatureDataGetsAnMlpOverItsFeatures()
    {
        var built = ModelFactory.Create(new ModelOptions { Kind = "mlp", Hidden = [8], Norm = "none" }, [Observation.Size], AgentActions.Count);
        using var model = built.Module;
        Assert.That(built.InputShape, Is.EqualTo(new long[] { Observation.Size }));
        var error = Assert.Throws<ArgumentException>(() => ModelFactory.Create(new ModelOptions { Kind = "cnn" }, [Observation.Size], 5));
        Assert.That(error!.Message, Does.Contain("Kind = 'cnn'").And.Contain("allowed: mlp"));
    }

    [Test]
    public void ImageOnlySettingsWithSimFeaturesAreListedWithKeysAndAllowedValues()
    {
        // The repository defaults have augmentation on, cutmix on and a CNN: all three are wrong for feature rows.
        var (configuration, _) = HarnessConfiguration.Load(["--Data:Dataset=sim-features"]);
        var error = Assert.Throws<UsageException>(() => TrainingSettings.Bind(configuration));
        Assert.That(error!.Message, Does.Contain("Augment:Enabled = true").And.Contain("allowed: false"));
        Assert.That(error.Message, Does.Contain("Mix:MixupAlpha = 0, Mix:CutmixAlpha = 1").And.Contain("allowed: both 0"));
        Assert.That(error.Message, Does.Contain("Model:Kind = 'cnn'").And.Contain("allowed: mlp"));

        var (policy, _) = HarnessConfiguration.Load(["--profile", "policy"]);
        var settings = TrainingSettings.Bind(policy);
        Assert.That((settings.Data.IsSimFeatures, settings.Model.KindName(), settings.Model.Hidden.Length > 0, settings.Model.Dropout > 0),
            Is.EqualTo((true, "mlp", true, true)), "the policy profile is valid and keeps dropout for MC");
    }

    [Test]
    public void SimFeatureFilesAreGeneratedWhenMissingThenRead()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"harness-simfeatures-{Guid.NewGuid():N}");
        try
        {
            var options = new DataOptions
            {
                Dataset = DataOptions.SimFeaturesName, SimFeaturesPath = Path.Combine(folder, "train.hsim"),
                SimFeaturesTestPath = Path.Combine(folder, "test.hsim"), SimTrainSamples = 300, SimTestSamples = 100, ValidationSize = 50,
            };
            var sim = new SimOptions { Agents = 8, EpisodeTicks = 60 };
            var log = new StringWriter();
            var splits = DataSplits.Load(options, 1, sim, log);
            Assert.That(log.ToString(), Does.Contain("is missing; generating 300 train rows"));
            Assert.That((splits.Train.Count, splits.Validation.Count, splits.Test.Count), Is.EqualTo((250, 50, 100)));
            Assert.That(splits.Train.SampleDimensions, Is.EqualTo(new[] { Observation.Size }));
            Assert.That(splits.ClassNames, Is.EqualTo(AgentActions.Names));

            var again = DataSplits.Load(options, 1, sim, log);
            Assert.That(log.ToString(), Does.Contain("train rows from"), "the second load reads the files");
            Assert.That(((FeatureDataset)again.Train).Features, Is.EqualTo(((FeatureDataset)splits.Train).Features));
            Assert.That(((FeatureDataset)again.Test).Features, Is.Not.EqualTo(((FeatureDataset)again.Train).Features.Take(100 * Observation.Size)),
                "the test worlds differ from the training worlds");

            // A file labelled by an older expert (no current revision tag) is regenerated, not trained on.
            var stale = Harness.Sim.Data.SimDatasetFile.ReadFeatures(options.SimFeaturesPath);
            Harness.Sim.Data.SimDatasetFile.Write(options.SimFeaturesPath, stale with { Description = "behaviour cloning: 300 rows" });
            var relabelled = new StringWriter();
            DataSplits.Load(options, 1, sim, relabelled);
            Assert.That(relabelled.ToString(), Does.Contain("was labelled by another expert revision than expert rev"));
            Assert.That(Harness.Sim.Data.SimDatasetFile.ReadFeatures(options.SimFeaturesPath).Description,
                Does.Contain(Harness.Sim.Policies.ExpertPolicy.LabelTag));

            options.SimFeaturesPath = Path.Combine(folder, "other.hsim");
            var shifted = Assert.Throws<UsageException>(() => DataSplits.Load(options, 1, sim with { Mines = 3 }, null));
            Assert.That(shifted!.Message, Does.Contain("the Sim section is shifted").And.Contain("Mines = 0"),
                "training data are generated in distribution only");
            Assert.That(File.Exists(options.SimFeaturesPath), Is.False);
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}
