using System.Globalization;
using Harness.Train.Data;
using Harness.Train.Data.Augmentation;

namespace Harness.Infer.Uncertainty;

/// <summary>The kinds of distribution shift <see cref="ImageShift"/> produces.</summary>
public enum ShiftKind
{
    /// <summary>Rotation by a random angle |θ| ∈ [min, max] degrees, either direction, about the centre (black fill).</summary>
    Rotation,

    /// <summary>Additive Gaussian noise of σ (pixel units, [0, 1] = 0..255), clipped to [0, 1].</summary>
    GaussianNoise,

    /// <summary>Inversion x → 1 − x (white background, dark garment).</summary>
    Inversion,

    /// <summary>A square box of side ⌈f·min(H, W)⌉ at a random position, filled with uniform [0, 1] noise per pixel.</summary>
    Occlusion,
}

/// <summary>
/// A deterministic image shift for OOD and shift-detection tests, applied to raw [0, 1] pixels before normalization.
/// Written as text in options: <c>rotate:MIN:MAX</c> (degrees), <c>noise:SIGMA</c>, <c>invert</c>,
/// <c>occlude:FRACTION</c> (box side as a fraction of the image side). Sample i of a dataset draws from its own
/// stream <see cref="SplitMix64.ForSample"/>(seed, stream of the kind, i), so the shifted set depends only on the
/// seed, the shift and the data, never on order or threads.
/// </summary>
public sealed record ImageShift(ShiftKind Kind, double First = 0, double Second = 0)
{
    /// <summary>The shifts used when none are configured.</summary>
    public static IReadOnlyList<string> DefaultSpecs { get; } = ["rotate:60:90", "noise:0.5", "invert", "occlude:0.5"];

    /// <summary>The text form (parseable by <see cref="Parse"/>).</summary>
    public string Name => Kind switch
    {
        ShiftKind.Rotation => Invariant($"rotate:{First}:{Second}"),
        ShiftKind.GaussianNoise => Invariant($"noise:{First}"),
        ShiftKind.Inversion => "invert",
        _ => Invariant($"occlude:{First}"),
    };

    /// <summary>A human-readable description.</summary>
    public string Description => Kind switch
    {
        ShiftKind.Rotation => Invariant($"rotation by {First}–{Second}° either way"),
        ShiftKind.GaussianNoise => Invariant($"Gaussian noise σ = {First} (pixel units), clipped"),
        ShiftKind.Inversion => "inverted pixels (1 − x)",
        _ => Invariant($"random-noise box of side {First:0.##}× the image side"),
    };

    /// <summary>Parses a spec such as <c>rotate:60:90</c>.</summary>
    /// <exception cref="FormatException">The spec is not valid; the message lists the allowed forms.</exception>
    public static ImageShift Parse(string spec) =>
        TryParse(spec, out var shift, out var error) ? shift! : throw new FormatException(error);

    /// <summary>Parses a spec; on failure returns false and says why in <paramref name="error"/>.</summary>
    public static bool TryParse(string? spec, out ImageShift? shift, out string error)
    {
        shift = null;
        error = "";
        var parts = (spec ?? "").Trim().ToLowerInvariant().Split(':');
        var numbers = new double[parts.Length - 1];
        for (var i = 1; i < parts.Length; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out numbers[i - 1]) ||
                !double.IsFinite(numbers[i - 1]))
            {
                error = $"'{spec}': '{parts[i]}' is not a number. {Usage}";
                return false;
            }
        }

        (shift, var problem) = (parts[0], numbers.Length) switch
        {
            ("rotate", 2) when numbers[0] >= 0 && numbers[0] <= numbers[1] && numbers[1] <= 180 =>
                (new ImageShift(ShiftKind.Rotation, numbers[0], numbers[1]), null),
            ("rotate", 2) => (null, "angles must satisfy 0 ≤ MIN ≤ MAX ≤ 180"),
            ("noise", 1) when numbers[0] > 0 && numbers[0] <= 10 => (new ImageShift(ShiftKind.GaussianNoise, numbers[0]), null),
            ("noise", 1) => (null, "SIGMA must be in (0, 10]"),
            ("invert", 0) => (new ImageShift(ShiftKind.Inversion), null),
            ("occlude", 1) when numbers[0] > 0 && numbers[0] <= 1 => (new ImageShift(ShiftKind.Occlusion, numbers[0]), null),
            ("occlude", 1) => (null, "FRACTION must be in (0, 1]"),
            _ => ((ImageShift?)null, (string?)"unknown shift or wrong number of parameters"),
        };
        if (shift is null)
        {
            error = $"'{spec}': {problem}. {Usage}";
            return false;
        }

        return true;
    }

    /// <summary>The allowed forms, for error messages.</summary>
    public const string Usage = "Allowed: rotate:MIN:MAX (degrees), noise:SIGMA, invert, occlude:FRACTION.";

    /// <summary>Shifts one image of [0, 1] pixels in place; <paramref name="scratch"/> holds at least one image.</summary>
    public void Apply(Span<float> image, ImageShape shape, ref SplitMix64 random, Span<float> scratch)
    {
        switch (Kind)
        {
            case ShiftKind.Rotation:
                var degrees = random.Uniform(First, Second) * (random.Chance(0.5) ? -1 : 1);
                image.CopyTo(scratch);
                AffineSampler.RotateTranslate(scratch[..shape.Size], image, shape, degrees, 0, 0);
                break;
            case ShiftKind.GaussianNoise:
                GaussianNoise.Apply(image, First, ref random);
                break;
            case ShiftKind.Inversion:
                foreach (ref var v in image)
                {
                    v = 1f - v;
                }

                break;
            default:
                var side = Math.Min((int)Math.Ceiling(First * Math.Min(shape.Height, shape.Width) - 1e-9),
                    Math.Min(shape.Height, shape.Width));
                var region = new ErasedRegion(random.NextInt(shape.Height - side + 1), random.NextInt(shape.Width - side + 1), side, side);
                RandomErasing.Erase(image, shape, region, ErasingFill.Random, ref random);
                break;
        }
    }

    /// <summary>
    /// Every image of <paramref name="data"/> shifted (from <paramref name="seed"/>) and normalized: the model's
    /// input rows, row-major [N, C·H·W].
    /// </summary>
    public float[] CreateInputs(ImageDataset data, Normalization normalization, long seed)
    {
        ArgumentNullException.ThrowIfNull(data);
        ModelInputs.RequireChannels(data, normalization);
        var shape = data.Shape;
        var size = data.SampleSize;
        var inputs = new float[data.Count * size];
        var scratch = new float[size];
        for (var i = 0; i < data.Count; i++)
        {
            var image = inputs.AsSpan(i * size, size);
            var pixels = data.Pixels.AsSpan(i * size, size);
            for (var j = 0; j < size; j++)
            {
                image[j] = pixels[j] / 255f;
            }

            var random = SplitMix64.ForSample(seed, Stream, i);
            Apply(image, shape, ref random, scratch);
            ModelInputs.NormalizeInPlace(image, data.Channels, normalization);
        }

        return inputs;
    }

    /// <summary>The per-kind stream id ("SH" + kind), so different shifts of one sample draw independent numbers.</summary>
    private int Stream => 0x5348_0000 + (int)Kind;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
