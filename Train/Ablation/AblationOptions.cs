using Harness.Core.Configuration;

namespace Harness.Train.Ablation;

/// <summary>Section <c>Ablation</c>: which regime and variants the ablation command runs.</summary>
public sealed class AblationOptions : IValidatedOptions
{
    public static readonly string[] Regimes = ["small", "full"];

    /// <summary>small: 2,000 training images (Data:TrainSubset), all variants; full: the whole training set.</summary>
    public string Regime { get; set; } = "small";

    /// <summary>Variants to run (names from <see cref="AblationVariants"/>); empty = the regime's default list.</summary>
    public string[] Variants { get; set; } = [];

    /// <summary>Training images in the small regime.</summary>
    public int SmallTrainImages { get; set; } = 2000;

    /// <summary>Validation images in the small regime (carved from the training file, as always).</summary>
    public int SmallValidationImages { get; set; } = 1000;

    /// <summary>Epoch budget of every variant in the small regime (the full regime uses Train:Epochs).</summary>
    public int SmallEpochs { get; set; } = 60;

    public IEnumerable<string> Validate()
    {
        var errors = new List<string>();
        errors.AddRange(Check.OneOf(nameof(Regime), Regime, Regimes));
        var unknown = Variants.Where(v => !AblationVariants.All.Any(a => a.Name == v)).ToList();
        if (unknown.Count > 0)
        {
            errors.Add($"{nameof(Variants)} = [{string.Join(", ", Variants)}]: unknown {string.Join(", ", unknown)} " +
                       $"(known: {string.Join(", ", AblationVariants.All.Select(a => a.Name))})");
        }

        errors.AddRange(Check.Range(nameof(SmallTrainImages), SmallTrainImages, 100, 60_000));
        errors.AddRange(Check.Range(nameof(SmallValidationImages), SmallValidationImages, 100, 20_000));
        errors.AddRange(Check.Range(nameof(SmallEpochs), SmallEpochs, 1, 1000));
        return errors;
    }
}
