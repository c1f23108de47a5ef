namespace Harness.Train.Data;

/// <summary>
/// Labelled float feature rows in memory (N × F, row-major), for example the Sim's behaviour-cloning observations.
/// Gathered rows are standardized per feature, x' = (x − Mean[f]) / Std[f], with statistics computed from the
/// training split (<see cref="ComputeNormalization"/>). Feature rows have no image augmentation or mixing.
/// </summary>
public sealed class FeatureDataset : ISampleSource
{
    /// <summary>
    /// A feature whose standard deviation over the training split is below this is constant there (for example
    /// the Sim's mine slot, 0 in distribution): its std is taken as 1, so it is centred but not blown up, and a
    /// value it never took in training reaches the model at its raw scale instead of as ±∞.
    /// </summary>
    public const float ConstantFeatureStd = 1e-6f;

    private readonly int[] _dimensions;

    public FeatureDataset(float[] features, int[] labels, int featureSize, int classes)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        if (featureSize <= 0 || features.Length != (long)labels.Length * featureSize)
        {
            throw new ArgumentException($"{features.Length} floats do not make {labels.Length} rows of {featureSize} features.");
        }

        if (classes < 1)
        {
            throw new ArgumentException($"A dataset needs at least one class, got {classes}.", nameof(classes));
        }

        for (var i = 0; i < labels.Length; i++)
        {
            if ((uint)labels[i] >= (uint)classes)
            {
                throw new ArgumentException($"Label {labels[i]} of sample {i} is out of range for {classes} classes.");
            }
        }

        Features = features;
        Labels = labels;
        FeatureSize = featureSize;
        Classes = classes;
        _dimensions = [featureSize];
    }

    /// <summary>The rows, row-major [Count × FeatureSize].</summary>
    public float[] Features { get; }

    /// <summary>One class per row.</summary>
    public int[] Labels { get; }

    /// <summary>F, floats per row.</summary>
    public int FeatureSize { get; }

    /// <inheritdoc />
    public int Classes { get; }

    /// <inheritdoc />
    public int Count => Labels.Length;

    /// <inheritdoc />
    public int SampleSize => FeatureSize;

    /// <inheritdoc />
    public IReadOnlyList<int> SampleDimensions => _dimensions;

    /// <inheritdoc />
    public int NormalizationLength => FeatureSize;

    /// <summary>Row <paramref name="i"/>.</summary>
    public ReadOnlySpan<float> Row(int i) => Features.AsSpan(i * FeatureSize, FeatureSize);

    /// <inheritdoc />
    public int Label(int index) => Labels[index];

    /// <inheritdoc />
    public ISampleSource Select(ReadOnlySpan<int> indices) => SelectRows(indices);

    /// <summary>A new dataset holding copies of the rows at <paramref name="indices"/>, in that order.</summary>
    public FeatureDataset SelectRows(ReadOnlySpan<int> indices)
    {
        var features = new float[indices.Length * FeatureSize];
        var labels = new int[indices.Length];
        for (var k = 0; k < indices.Length; k++)
        {
            Row(indices[k]).CopyTo(features.AsSpan(k * FeatureSize));
            labels[k] = Labels[indices[k]];
        }

        return new FeatureDataset(features, labels, FeatureSize, Classes);
    }

    /// <summary>
    /// Per-feature mean and (population) standard deviation over every row, in double; a constant feature gets
    /// std 1 (see <see cref="ConstantFeatureStd"/>). An empty dataset gives mean 0, std 1.
    /// </summary>
    public Normalization ComputeNormalization()
    {
        var sum = new double[FeatureSize];
        var sumSq = new double[FeatureSize];
        for (var i = 0; i < Count; i++)
        {
            var row = Row(i);
            for (var f = 0; f < FeatureSize; f++)
            {
                double v = row[f];
                sum[f] += v;
                sumSq[f] += v * v;
            }
        }

        var mean = new float[FeatureSize];
        var std = new float[FeatureSize];
        var n = Math.Max(Count, 1);
        for (var f = 0; f < FeatureSize; f++)
        {
            var m = sum[f] / n;
            var s = Math.Sqrt(Math.Max(sumSq[f] / n - m * m, 0));
            mean[f] = (float)m;
            std[f] = s < ConstantFeatureStd ? 1f : (float)s;
        }

        return new Normalization(mean, std);
    }

    /// <inheritdoc />
    public void Gather(ReadOnlySpan<int> indices, float[] mean, float[] std, Span<float> destination, Span<long> labels)
    {
        RequireLength(mean, std, FeatureSize);
        for (var k = 0; k < indices.Length; k++)
        {
            var i = indices[k];
            var src = Row(i);
            var dst = destination.Slice(k * FeatureSize, FeatureSize);
            for (var f = 0; f < FeatureSize; f++)
            {
                dst[f] = (src[f] - mean[f]) / std[f];
            }

            labels[k] = Labels[i];
        }
    }

    /// <summary>Throws unless <paramref name="mean"/> and <paramref name="std"/> both have <paramref name="features"/> entries.</summary>
    internal static void RequireLength(float[] mean, float[] std, int features)
    {
        if (mean.Length != features || std.Length != features)
        {
            throw new ArgumentException($"Normalization has {mean.Length} means and {std.Length} stds for {features} features.");
        }
    }
}
