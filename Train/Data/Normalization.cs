namespace Harness.Train.Data;

/// <summary>Per-channel input normalization x' = (p/255 − Mean[c]) / Std[c], computed from the training split.</summary>
public sealed record Normalization(float[] Mean, float[] Std)
{
    public static Normalization FromTrainingSet(ImageDataset train)
    {
        var (mean, std) = train.ChannelStatistics();
        return new Normalization(mean, std);
    }
}
