using Harness.Train.Configuration;

namespace Harness.Train.Data.Augmentation;

/// <summary>
/// The per-sample training augmentations in a fixed order: random crop with zero padding → horizontal flip →
/// rotation/translation → RandAugment → brightness/contrast jitter → random erasing → Gaussian noise. Works on one
/// image of [0, 1] pixels in place; all randomness comes from the caller's per-sample <see cref="SplitMix64"/>, so
/// the result depends only on (seed, epoch, sample index). Immutable and safe to share between threads; each thread
/// brings its own scratch buffer of <see cref="ScratchLength"/> floats.
/// </summary>
public sealed class AugmentationPipeline
{
    private readonly RandAugment? _randAugment;

    /// <summary>Builds the pipeline for images of <paramref name="shape"/>.</summary>
    /// <param name="options">Validated settings.</param>
    /// <param name="shape">Image layout.</param>
    /// <param name="defaultFlip">Flip probability when <see cref="AugmentOptions.HorizontalFlip"/> is unset (the dataset's default).</param>
    public AugmentationPipeline(AugmentOptions options, ImageShape shape, double defaultFlip = 0)
    {
        var errors = options.Validate().ToList();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid augmentation options: " + string.Join("; ", errors), nameof(options));
        }

        Shape = shape;
        CropPadding = options.CropPadding;
        FlipProbability = options.HorizontalFlip ?? defaultFlip;
        Rotation = options.Rotation;
        Translation = options.Translation;
        Brightness = options.Brightness;
        Contrast = options.Contrast;
        ErasingProbability = options.Erasing;
        ErasingScale = (options.ErasingScaleMin, options.ErasingScaleMax);
        ErasingRatio = (options.ErasingRatioMin, options.ErasingRatioMax);
        ErasingFill = string.Equals(options.ErasingFill, "random", StringComparison.OrdinalIgnoreCase)
            ? Augmentation.ErasingFill.Random
            : Augmentation.ErasingFill.Zero;
        NoiseStd = options.NoiseStd;
        _randAugment = options.RandAugmentN > 0 ? new RandAugment(options.RandAugmentN, options.RandAugmentM) : null;
    }

    /// <summary>
    /// The pipeline <paramref name="options"/> describe, or null when they switch everything off (so callers can
    /// skip the per-sample work entirely).
    /// </summary>
    public static AugmentationPipeline? Create(AugmentOptions options, ImageShape shape, double defaultFlip = 0)
    {
        if (!options.Enabled)
        {
            return null;
        }

        var pipeline = new AugmentationPipeline(options, shape, defaultFlip);
        return pipeline.IsIdentity ? null : pipeline;
    }

    public ImageShape Shape { get; }

    public int CropPadding { get; }

    public double FlipProbability { get; }

    public double Rotation { get; }

    public double Translation { get; }

    public double Brightness { get; }

    public double Contrast { get; }

    public double ErasingProbability { get; }

    public (double Min, double Max) ErasingScale { get; }

    public (double Min, double Max) ErasingRatio { get; }

    public ErasingFill ErasingFill { get; }

    public double NoiseStd { get; }

    /// <summary>RandAugment's (N, M), or null when it is off.</summary>
    public (int N, int M)? RandAugmentSettings => _randAugment is null ? null : (_randAugment.N, _randAugment.M);

    /// <summary>True when no step would change any image.</summary>
    public bool IsIdentity =>
        CropPadding == 0 && FlipProbability == 0 && Rotation == 0 && Translation == 0 && Brightness == 0 &&
        Contrast == 0 && ErasingProbability == 0 && NoiseStd == 0 && _randAugment is null;

    /// <summary>Floats of scratch space <see cref="Apply"/> needs.</summary>
    public int ScratchLength => Shape.Size;

    /// <summary>Augments <paramref name="image"/> (one image of [0, 1] pixels) in place.</summary>
    public void Apply(Span<float> image, ref SplitMix64 random, Span<float> scratch)
    {
        Shape.Require(image);
        Shape.RequireScratch(scratch);
        RandomCrop.Apply(image, Shape, CropPadding, ref random, scratch);
        HorizontalFlip.Apply(image, Shape, FlipProbability, ref random);
        RandomAffine.Apply(image, Shape, Rotation, Translation, ref random, scratch);
        _randAugment?.Apply(image, Shape, ref random, scratch);
        ColorJitter.Apply(image, Shape, Brightness, Contrast, ref random);
        RandomErasing.Apply(image, Shape, ErasingProbability, ErasingScale.Min, ErasingScale.Max,
            ErasingRatio.Min, ErasingRatio.Max, ErasingFill, ref random);
        GaussianNoise.Apply(image, NoiseStd, ref random);
    }
}
