using Harness.Core.Configuration;
using Harness.Train.Data;

namespace Harness.Train.Configuration;

/// <summary>Section <c>Data</c>: which dataset, where it is, how it is split and how batches are loaded.</summary>
public sealed class DataOptions : IValidatedOptions
{
    public const string FashionMnistName = "fashion-mnist";
    public const string Cifar10Name = "cifar10";
    public const string SimFeaturesName = "sim-features";

    /// <summary>fashion-mnist | cifar10 | sim-features (float feature rows: no augmentation, no mixing, MLP only).</summary>
    public string Dataset { get; set; } = FashionMnistName;

    /// <summary>Folder of the Fashion-MNIST IDX files (relative to the repository root unless absolute).</summary>
    public string FashionMnistDir { get; set; } = FashionMnist.DefaultDirectory;

    /// <summary>Folder of the CIFAR-10 binary files (relative to the repository root unless absolute).</summary>
    public string Cifar10Dir { get; set; } = "data/cifar-10-batches-bin";

    /// <summary>sim-features: the training HSIMDATA feature file (generated when missing; relative to the repository root).</summary>
    public string SimFeaturesPath { get; set; } = "data/sim/bc-train.hsim";

    /// <summary>sim-features: the test HSIMDATA feature file (generated from other worlds when missing).</summary>
    public string SimFeaturesTestPath { get; set; } = "data/sim/bc-test.hsim";

    /// <summary>sim-features: rows generated into a missing training file.</summary>
    public int SimTrainSamples { get; set; } = 200_000;

    /// <summary>sim-features: rows generated into a missing test file.</summary>
    public int SimTestSamples { get; set; } = 20_000;

    /// <summary>sim-features: probability that a generating agent executes a random action (the label stays the expert's).</summary>
    public double SimExploration { get; set; } = 0.2;

    /// <summary>sim-features: seed of the generated worlds (the test file derives its own from it).</summary>
    public long SimSeed { get; set; } = 7;

    /// <summary>
    /// Images carved from the training set (stratified by class, seeded) for validation and early stopping; the test
    /// set is never used for either. 0 = no validation split.
    /// </summary>
    public int ValidationSize { get; set; } = 5000;

    /// <summary>Train on only this many images (the first of a seeded permutation of what validation left); 0 = all.</summary>
    public int TrainSubset { get; set; }

    /// <summary>Background threads that build training batches.</summary>
    public int LoaderWorkers { get; set; } = 2;

    /// <summary>Finished batches the loader may keep ready ahead of the trainer.</summary>
    public int Prefetch { get; set; } = 4;

    public IEnumerable<string> Validate()
    {
        var errors = new List<string>();
        errors.AddRange(Check.OneOf(nameof(Dataset), Dataset, FashionMnistName, Cifar10Name, SimFeaturesName));
        if (IsSimFeatures)
        {
            errors.AddRange(Check.NotEmpty(nameof(SimFeaturesPath), SimFeaturesPath));
            errors.AddRange(Check.NotEmpty(nameof(SimFeaturesTestPath), SimFeaturesTestPath));
            errors.AddRange(Check.Range(nameof(SimTrainSamples), SimTrainSamples, 1, 50_000_000));
            errors.AddRange(Check.Range(nameof(SimTestSamples), SimTestSamples, 1, 50_000_000));
            errors.AddRange(Check.Range(nameof(SimExploration), SimExploration, 0, 1));
            errors.AddRange(Check.Range(nameof(SimSeed), SimSeed, 0, long.MaxValue));
        }
        else if (IsCifar10)
        {
            errors.AddRange(Check.NotEmpty(nameof(Cifar10Dir), Cifar10Dir));
        }
        else
        {
            errors.AddRange(Check.NotEmpty(nameof(FashionMnistDir), FashionMnistDir));
        }

        errors.AddRange(Check.Range(nameof(ValidationSize), ValidationSize, 0, 1_000_000));
        errors.AddRange(Check.Range(nameof(TrainSubset), TrainSubset, 0, 10_000_000));
        errors.AddRange(Check.Range(nameof(LoaderWorkers), LoaderWorkers, 1, 64));
        errors.AddRange(Check.Range(nameof(Prefetch), Prefetch, 1, 1024));
        return errors;
    }

    /// <summary>True when <see cref="Dataset"/> names the Sim's feature rows.</summary>
    public bool IsSimFeatures => string.Equals(Dataset.Trim(), SimFeaturesName, StringComparison.OrdinalIgnoreCase);

    /// <summary>True when <see cref="Dataset"/> names CIFAR-10.</summary>
    public bool IsCifar10 => string.Equals(Dataset.Trim(), Cifar10Name, StringComparison.OrdinalIgnoreCase);
}
