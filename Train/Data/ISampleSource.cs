namespace Harness.Train.Data;

/// <summary>
/// Labelled samples the trainer can batch: images (<see cref="ImageDataset"/>, bytes N×C×H×W, per-channel
/// normalization of pixel/255) or float feature rows (<see cref="FeatureDataset"/>, N×F, per-feature
/// standardization). The splitter, the batch loader and the evaluator work on this alone; only augmentation and
/// mixing need images and say so.
/// </summary>
public interface ISampleSource
{
    /// <summary>Number of samples.</summary>
    int Count { get; }

    /// <summary>Number of classes; every label is below it.</summary>
    int Classes { get; }

    /// <summary>Floats per sample once gathered (C·H·W or F).</summary>
    int SampleSize { get; }

    /// <summary>One sample's shape as stored: [C, H, W] for images, [F] for feature rows.</summary>
    IReadOnlyList<int> SampleDimensions { get; }

    /// <summary>Entries of a <see cref="Normalization"/> for this data: channels for images, features for rows.</summary>
    int NormalizationLength { get; }

    /// <summary>The class of sample <paramref name="index"/>.</summary>
    int Label(int index);

    /// <summary>A new source holding copies of the samples at <paramref name="indices"/>, in that order.</summary>
    ISampleSource Select(ReadOnlySpan<int> indices);

    /// <summary>The normalization computed from these samples (call it on the training split only).</summary>
    Normalization ComputeNormalization();

    /// <summary>
    /// Writes the normalized float samples at <paramref name="indices"/> into <paramref name="destination"/>
    /// (row-major, <see cref="SampleSize"/> each) and their labels into <paramref name="labels"/>.
    /// </summary>
    void Gather(ReadOnlySpan<int> indices, float[] mean, float[] std, Span<float> destination, Span<long> labels);
}
