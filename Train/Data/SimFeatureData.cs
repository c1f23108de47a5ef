using Harness.Core;
using Harness.Core.Console;
using Harness.Sim;
using Harness.Sim.Data;
using Harness.Sim.Policies;
using Harness.Train.Configuration;

namespace Harness.Train.Data;

/// <summary>
/// Data:Dataset = sim-features: the Sim's behaviour-cloning set (observations → the expert's actions) read from two
/// HSIMDATA feature files, training (<see cref="DataOptions.SimFeaturesPath"/>) and test
/// (<see cref="DataOptions.SimFeaturesTestPath"/>). A missing file, or one labelled by another expert revision
/// (<see cref="ExpertPolicy.LabelTag"/>), is generated first with <see cref="BehaviourCloningData.Generate"/> from the
/// in-distribution Sim options, from world seeds that differ between the two files (the test worlds are never seen in training), with a progress line.
/// </summary>
public static class SimFeatureData
{
    /// <summary>Stream tag of the test file's seed (the training file uses <see cref="DataOptions.SimSeed"/> itself).</summary>
    public const ulong TestStream = 0x5445535453455431; // "TESTSET1"

    /// <summary>Loads (generating when missing) the training and test files.</summary>
    /// <exception cref="UsageException">A file is unreadable or malformed, the two files disagree, or a file must be
    /// generated but the Sim options are shifted.</exception>
    public static (FeatureDataset Train, FeatureDataset Test, IReadOnlyList<string> ClassNames) Load(
        DataOptions options, SimOptions sim, TextWriter? log = null)
    {
        var trainPath = Resolve(options.SimFeaturesPath);
        var testPath = Resolve(options.SimFeaturesTestPath);
        var seed = (ulong)options.SimSeed;
        var train = ReadOrGenerate(trainPath, sim, options.SimTrainSamples, seed, options.SimExploration, "train", log);
        var test = ReadOrGenerate(testPath, sim, options.SimTestSamples, SimRandomDerive(seed), options.SimExploration, "test", log);
        if (train.FeatureSize != test.FeatureSize || !train.ClassNames.SequenceEqual(test.ClassNames))
        {
            throw new UsageException(
                $"{trainPath} ({train.FeatureSize} features, classes {string.Join(", ", train.ClassNames)}) and {testPath} " +
                $"({test.FeatureSize} features, classes {string.Join(", ", test.ClassNames)}) do not describe the same task.");
        }

        return (ToTrainer(train), ToTrainer(test), train.ClassNames);
    }

    /// <summary>The trainer's view of a Sim feature set.</summary>
    public static FeatureDataset ToTrainer(Harness.Sim.Data.FeatureDataset data) =>
        new(data.Features, data.Labels, data.FeatureSize, data.ClassNames.Count);

    /// <summary>Generates <paramref name="samples"/> behaviour-cloning rows into <paramref name="path"/>.</summary>
    /// <exception cref="UsageException">The Sim options are shifted: training data are generated in distribution.</exception>
    public static Harness.Sim.Data.FeatureDataset Generate(string path, SimOptions sim, int samples, ulong seed, double exploration,
        string label = "sim-data")
    {
        if (!sim.IsInDistribution)
        {
            throw new UsageException(
                $"Generating {path}: the Sim section is shifted ({sim}); behaviour-cloning data are generated with the " +
                "in-distribution knobs (Sim:Layouts = Train, HazardDensity = 1, SensorNoise = 0, Palette = Standard, " +
                "Brightness = 1, Contrast = 1, Mines = 0). Shift only the play stage (Play section).");
        }

        var data = BehaviourCloningData.Generate(sim, samples, seed, exploration, new ProgressLine($"{label} {Path.GetFileName(path)}"));
        SimDatasetFile.Write(path, data);
        return data;
    }

    private static Harness.Sim.Data.FeatureDataset ReadOrGenerate(string path, SimOptions sim, int samples, ulong seed,
        double exploration, string split, TextWriter? log)
    {
        if (File.Exists(path))
        {
            var data = SimDatasetFile.ReadFeatures(path);
            if (data.Description.Contains(ExpertPolicy.LabelTag, StringComparison.Ordinal))
            {
                log?.WriteLine($"data: {split} rows from {path} ({data.Count} rows; {data.Description})");
                return data;
            }

            log?.WriteLine($"data: {path} was labelled by another expert revision than expert rev {ExpertPolicy.Revision} " +
                $"({data.Description}); regenerating it");
        }
        else
        {
            log?.WriteLine($"data: {path} is missing; generating {samples} {split} rows (seed {seed})");
        }

        return Generate(path, sim, samples, seed, exploration, $"sim-data {split}");
    }

    private static ulong SimRandomDerive(ulong seed) => SimRandom.Derive(seed, TestStream);

    private static string Resolve(string path) => Path.GetFullPath(Path.Combine(RepoPaths.Root, path));
}
