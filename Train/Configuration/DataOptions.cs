using Harness.Core.Configuration;
using Harness.Train.Data;

namespace Harness.Train.Configuration;

/// <summary>Section <c>Data</c>: which dataset, where it is, how it is split and how batches are loaded.</summary>
public sealed class DataOptions : IValidatedOptions
{
    public const string FashionMnistName = "fashion-mnist";
    public const string Cifar10Name = "cifar10";

    /// <summary>fashion-mnist | cifar10.</summary>
    public string Dataset { get; set; } = FashionMnistName;

    /// <summary>Folder of the Fashion-MNIST IDX files (relative to the repository root unless absolute).</summary>
    public string FashionMnistDir { get; set; } = FashionMnist.DefaultDirectory;

    /// <summary>Folder of the CIFAR-10 binary files (relative to the repository root unless absolute).</summary>
    public string Cifar10Dir { get; set; } = "data/cifar-10-batches-bin";

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
        errors.AddRange(Check.OneOf(nameof(Dataset), Dataset, FashionMnistName, Cifar10Name));
        if (IsCifar10)
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

    /// <summary>True when <see cref="Dataset"/> names CIFAR-10.</summary>
    public bool IsCifar10 => string.Equals(Dataset.Trim(), Cifar10Name, StringComparison.OrdinalIgnoreCase);
}
