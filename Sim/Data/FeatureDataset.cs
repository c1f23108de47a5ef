namespace Harness.Sim.Data;

/// <summary>
/// Float feature rows with integer class labels (the behaviour-cloning set: observations → expert actions).
/// <see cref="Features"/> is row-major [Count × FeatureSize].
/// </summary>
public sealed record FeatureDataset(float[] Features, int[] Labels, int FeatureSize, IReadOnlyList<string> ClassNames, string Description)
{
    /// <summary>Number of rows.</summary>
    public int Count => Labels.Length;

    /// <summary>Row <paramref name="i"/>.</summary>
    public ReadOnlySpan<float> Row(int i) => Features.AsSpan(i * FeatureSize, FeatureSize);

    /// <summary>Checks shapes and label ranges; throws <see cref="ArgumentException"/> when inconsistent.</summary>
    public void Validate()
    {
        if (FeatureSize <= 0 || Features.Length != (long)Labels.Length * FeatureSize)
        {
            throw new ArgumentException($"{Features.Length} floats do not make {Labels.Length} rows of {FeatureSize}.");
        }

        ImageSet.CheckLabels(Labels, ClassNames.Count);
    }
}
