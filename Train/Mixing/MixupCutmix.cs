namespace Harness.Train.Mixing;

/// <summary>
/// Batch-level mixup (Zhang et al. 2018) and cutmix (Yun et al. 2019) as timm's <c>Mixup</c> in 'batch' mode:
/// with probability <see cref="Prob"/> the batch is mixed; when both alphas are positive cutmix is chosen with
/// probability <see cref="SwitchProb"/>, else the one with a positive alpha is used. λ ~ Beta(α, α). Sample i is
/// paired with sample N − 1 − i (the batch flipped; with N odd the middle sample is paired with itself).
/// Mixup: x_i ← λ·x_i + (1 − λ)·x_partner. Cutmix: a box with sides ⌊H·√(1 − λ)⌋ × ⌊W·√(1 − λ)⌋ around a
/// uniformly drawn center, clipped to the image (timm's rand_bbox), is copied from the partner, and λ becomes
/// 1 − box area / (H·W) exactly. Soft targets: λ·q(y_i) + (1 − λ)·q(y_partner) with
/// q = (1 − ε)·onehot + ε/K (label smoothing ε, timm's on/off values). Random draws come from a seeded
/// <see cref="Random"/>, so a seed fixes every decision.
/// </summary>
public sealed class MixupCutmix
{
    private readonly Random _random;
    private readonly BetaSampler _beta;

    /// <param name="mixupAlpha">Beta parameter for mixup; 0 disables mixup.</param>
    /// <param name="cutmixAlpha">Beta parameter for cutmix; 0 disables cutmix.</param>
    /// <param name="switchProb">Probability of cutmix rather than mixup when both are enabled.</param>
    /// <param name="prob">Probability that a batch is mixed at all.</param>
    /// <param name="classes">Number of classes K of the soft targets.</param>
    /// <param name="labelSmoothing">ε of the targets (0 for none).</param>
    /// <param name="seed">Seed of the random decisions.</param>
    public MixupCutmix(double mixupAlpha, double cutmixAlpha, double switchProb, double prob, int classes,
        double labelSmoothing = 0, int seed = 0)
    {
        CheckNonNegative(mixupAlpha, nameof(mixupAlpha));
        CheckNonNegative(cutmixAlpha, nameof(cutmixAlpha));
        CheckProbability(switchProb, nameof(switchProb));
        CheckProbability(prob, nameof(prob));
        CheckProbability(labelSmoothing, nameof(labelSmoothing));
        if (classes < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(classes), $"classes = {classes}: must be at least 1.");
        }

        MixupAlpha = mixupAlpha;
        CutmixAlpha = cutmixAlpha;
        SwitchProb = switchProb;
        Prob = prob;
        Classes = classes;
        LabelSmoothing = labelSmoothing;
        _random = new Random(seed);
        _beta = new BetaSampler(_random);
    }

    public double MixupAlpha { get; }

    public double CutmixAlpha { get; }

    public double SwitchProb { get; }

    public double Prob { get; }

    public int Classes { get; }

    public double LabelSmoothing { get; }

    /// <summary>True when at least one of mixup and cutmix is enabled.</summary>
    public bool Enabled => MixupAlpha > 0 || CutmixAlpha > 0;

    /// <summary>
    /// Mixes a batch in place and returns its soft targets.
    /// </summary>
    /// <param name="inputs">N × C × H × W floats, row-major; overwritten with the mixed batch.</param>
    /// <param name="labels">N class indices in [0, K).</param>
    public MixResult Apply(float[] inputs, int[] labels, int channels, int height, int width)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(labels);
        var targets = new float[labels.Length * Classes];
        var (kind, lambda, box) = Apply(inputs, labels, channels, height, width, targets);
        return new MixResult(kind, lambda, box, targets);
    }

    /// <summary>As <see cref="Apply(float[], int[], int, int, int)"/>, writing the N × K targets into a caller's buffer.</summary>
    public (MixKind Kind, double Lambda, CutBox? Box) Apply(Span<float> inputs, ReadOnlySpan<int> labels, int channels,
        int height, int width, Span<float> targets)
    {
        var n = labels.Length;
        if (channels < 1 || height < 1 || width < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(channels), $"Sample shape [{channels}, {height}, {width}]: every size must be >= 1.");
        }

        var sampleSize = (long)channels * height * width;
        if (inputs.Length != n * sampleSize)
        {
            throw new ArgumentException(
                $"Inputs hold {inputs.Length} floats but {n} samples of [{channels}, {height}, {width}] need {n * sampleSize}.", nameof(inputs));
        }

        if (targets.Length != (long)n * Classes)
        {
            throw new ArgumentException($"Targets hold {targets.Length} floats but {n} × {Classes} are needed.", nameof(targets));
        }

        foreach (var label in labels)
        {
            if (label < 0 || label >= Classes)
            {
                throw new ArgumentOutOfRangeException(nameof(labels), $"Label {label} is outside [0, {Classes}).");
            }
        }

        var (kind, lambda) = Draw();
        CutBox? box = null;
        if (kind == MixKind.Mixup)
        {
            MixInputs(inputs, n, (int)sampleSize, (float)lambda);
        }
        else if (kind == MixKind.Cutmix)
        {
            var cut = SampleBox(lambda, height, width);
            box = cut;
            lambda = 1.0 - (double)cut.Area / ((double)height * width);
            PasteBoxes(inputs, n, channels, height, width, cut);
        }

        WriteTargets(labels, lambda, targets);
        return (kind, lambda, box);
    }

    private (MixKind Kind, double Lambda) Draw()
    {
        if (!Enabled || !(_random.NextDouble() < Prob))
        {
            return (MixKind.None, 1.0);
        }

        var useCutmix = MixupAlpha > 0 && CutmixAlpha > 0 ? _random.NextDouble() < SwitchProb : CutmixAlpha > 0;
        var alpha = useCutmix ? CutmixAlpha : MixupAlpha;
        return (useCutmix ? MixKind.Cutmix : MixKind.Mixup, _beta.Beta(alpha, alpha));
    }

    /// <summary>timm's rand_bbox: sides ⌊H·r⌋, ⌊W·r⌋ with r = √(1 − λ), center uniform, corners clipped to the image.</summary>
    private CutBox SampleBox(double lambda, int height, int width)
    {
        var ratio = Math.Sqrt(1 - lambda);
        var cutH = (int)(height * ratio);
        var cutW = (int)(width * ratio);
        var cy = _random.Next(height);
        var cx = _random.Next(width);
        return new CutBox(
            Math.Clamp(cy - cutH / 2, 0, height), Math.Clamp(cy + cutH / 2, 0, height),
            Math.Clamp(cx - cutW / 2, 0, width), Math.Clamp(cx + cutW / 2, 0, width));
    }

    private static void MixInputs(Span<float> inputs, int n, int sampleSize, float lambda)
    {
        var other = 1 - lambda;
        for (var i = 0; i < n / 2; i++)
        {
            var a = inputs.Slice(i * sampleSize, sampleSize);
            var b = inputs.Slice((n - 1 - i) * sampleSize, sampleSize);
            for (var k = 0; k < sampleSize; k++)
            {
                var x = a[k];
                var y = b[k];
                a[k] = lambda * x + other * y;
                b[k] = lambda * y + other * x;
            }
        }
    }

    private static void PasteBoxes(Span<float> inputs, int n, int channels, int height, int width, CutBox box)
    {
        var sampleSize = channels * height * width;
        var rowLength = box.Right - box.Left;
        for (var i = 0; i < n / 2; i++)
        {
            var a = inputs.Slice(i * sampleSize, sampleSize);
            var b = inputs.Slice((n - 1 - i) * sampleSize, sampleSize);
            for (var c = 0; c < channels; c++)
            {
                for (var y = box.Top; y < box.Bottom; y++)
                {
                    var start = (c * height + y) * width + box.Left;
                    var ra = a.Slice(start, rowLength);
                    var rb = b.Slice(start, rowLength);
                    for (var k = 0; k < rowLength; k++)
                    {
                        (ra[k], rb[k]) = (rb[k], ra[k]);
                    }
                }
            }
        }
    }

    private void WriteTargets(ReadOnlySpan<int> labels, double lambda, Span<float> targets)
    {
        var n = labels.Length;
        var off = LabelSmoothing / Classes;
        var on = 1 - LabelSmoothing + off;
        for (var i = 0; i < n; i++)
        {
            var row = targets.Slice(i * Classes, Classes);
            row.Fill((float)off);
            row[labels[i]] += (float)(lambda * (on - off));
            row[labels[n - 1 - i]] += (float)((1 - lambda) * (on - off));
        }
    }

    private static void CheckNonNegative(double value, string name)
    {
        if (value < 0 || !double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(name, $"{name} = {value}: must be a finite number >= 0.");
        }
    }

    private static void CheckProbability(double value, string name)
    {
        if (value is < 0 or > 1 || double.IsNaN(value))
        {
            throw new ArgumentOutOfRangeException(name, $"{name} = {value}: must be between 0 and 1.");
        }
    }
}
