using Harness.Core.Configuration;

namespace Harness.Train.Configuration;

/// <summary>
/// Section <c>Augment</c>: the per-sample training augmentations (see <see cref="Data.Augmentation.AugmentationPipeline"/>
/// for the order they run in). Each one is off at 0. Evaluation data are never augmented.
/// </summary>
public sealed class AugmentOptions : IValidatedOptions
{
    /// <summary>Master switch: false turns every augmentation off.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Zero padding of the random crop, pixels per side (0 = no crop; CIFAR-10 recipes use 4).</summary>
    public int CropPadding { get; set; } = 2;

    /// <summary>
    /// Probability of a horizontal flip; unset = the dataset's default (0.5 for CIFAR-10, 0 for Fashion-MNIST, where
    /// a mirrored garment keeps its class but the recipe does not flip).
    /// </summary>
    public double? HorizontalFlip { get; set; }

    /// <summary>Maximum random rotation, degrees either way (0 = none).</summary>
    public double Rotation { get; set; }

    /// <summary>Maximum random shift as a fraction of width/height (0 = none).</summary>
    public double Translation { get; set; }

    /// <summary>Brightness jitter: factor drawn from [1 − B, 1 + B] (0 = none).</summary>
    public double Brightness { get; set; }

    /// <summary>Contrast jitter: factor drawn from [1 − C, 1 + C] (0 = none).</summary>
    public double Contrast { get; set; }

    /// <summary>Probability of random erasing (Cutout) per image (0 = none).</summary>
    public double Erasing { get; set; } = 0.25;

    /// <summary>Smallest erased area as a fraction of the image (torchvision default 0.02).</summary>
    public double ErasingScaleMin { get; set; } = 0.02;

    /// <summary>Largest erased area as a fraction of the image (torchvision default 0.33).</summary>
    public double ErasingScaleMax { get; set; } = 0.33;

    /// <summary>Smallest aspect ratio (height/width) of the erased rectangle (torchvision default 0.3).</summary>
    public double ErasingRatioMin { get; set; } = 0.3;

    /// <summary>Largest aspect ratio of the erased rectangle (torchvision default 3.3).</summary>
    public double ErasingRatioMax { get; set; } = 3.3;

    /// <summary>zero (black) or random (uniform noise per pixel).</summary>
    public string ErasingFill { get; set; } = "zero";

    /// <summary>σ of additive Gaussian noise in pixel units, [0, 1] = 0..255 (0 = none).</summary>
    public double NoiseStd { get; set; }

    /// <summary>RandAugment operations per image (0 = RandAugment off).</summary>
    public int RandAugmentN { get; set; }

    /// <summary>RandAugment magnitude, 0..30 (torchvision's default 9).</summary>
    public int RandAugmentM { get; set; } = 9;

    public IEnumerable<string> Validate()
    {
        var errors = new List<string>();
        errors.AddRange(Check.Range(nameof(CropPadding), CropPadding, 0, 64));
        if (HorizontalFlip is { } flip)
        {
            errors.AddRange(Check.Range(nameof(HorizontalFlip), flip, 0, 1));
        }

        errors.AddRange(Check.Range(nameof(Rotation), Rotation, 0, 180));
        errors.AddRange(Check.Range(nameof(Translation), Translation, 0, 0.5));
        errors.AddRange(Check.Range(nameof(Brightness), Brightness, 0, 1));
        errors.AddRange(Check.Range(nameof(Contrast), Contrast, 0, 1));
        errors.AddRange(Check.Range(nameof(Erasing), Erasing, 0, 1));
        errors.AddRange(Check.Range(nameof(ErasingScaleMin), ErasingScaleMin, 0, 1));
        errors.AddRange(Check.Range(nameof(ErasingScaleMax), ErasingScaleMax, 0, 1));
        if (ErasingScaleMax < ErasingScaleMin)
        {
            errors.Add($"{nameof(ErasingScaleMax)} = {ErasingScaleMax}: must be at least {nameof(ErasingScaleMin)} ({ErasingScaleMin})");
        }

        errors.AddRange(Check.Range(nameof(ErasingRatioMin), ErasingRatioMin, 0.01, 100));
        errors.AddRange(Check.Range(nameof(ErasingRatioMax), ErasingRatioMax, 0.01, 100));
        if (ErasingRatioMax < ErasingRatioMin)
        {
            errors.Add($"{nameof(ErasingRatioMax)} = {ErasingRatioMax}: must be at least {nameof(ErasingRatioMin)} ({ErasingRatioMin})");
        }

        errors.AddRange(Check.OneOf(nameof(ErasingFill), ErasingFill, "zero", "random"));
        errors.AddRange(Check.Range(nameof(NoiseStd), NoiseStd, 0, 1));
        errors.AddRange(Check.Range(nameof(RandAugmentN), RandAugmentN, 0, 16));
        errors.AddRange(Check.Range(nameof(RandAugmentM), RandAugmentM, 0, 30));
        return errors;
    }
}
