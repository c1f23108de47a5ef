namespace Harness.Train.Data;

/// <summary>
/// Input normalization computed from the training split: per channel for images, x' = (p/255 − Mean[c]) / Std[c];
/// per feature for feature rows, x' = (x − Mean[f]) / Std[f].
/// </summary>
public sealed record Normalization(float[] Mean, float[] Std)
{
    /// <summary>The normalization of <paramref name="train"/> (<see cref="ISampleSource.ComputeNormalization"/>).</summary>
    public static Normalization FromTrainingSet(ISampleSource train)
    {
        ArgumentNullException.ThrowIfNull(train);
        return train.ComputeNormalization();
    }
}
