using Harness.Train.Data;
using Harness.Train.Modules;

namespace Harness.Train.Training;

/// <summary>What a training job leaves behind: the final model (eval mode, owned by the caller) and its measurements.</summary>
public sealed record TrainResult(
    Module Model,
    long[] SampleShape,
    DataSplits Splits,
    Evaluation Test,
    Evaluation TrainEval,
    IReadOnlyList<EpochMetrics> Epochs,
    bool StoppedEarly,
    string ModelPath)
{
    /// <summary>Training accuracy (eval mode, clean images) minus test accuracy.</summary>
    public double Gap => TrainEval.Accuracy - Test.Accuracy;

    public double TrainingSeconds => Epochs.Sum(e => e.Seconds);

    public double SamplesPerSecond => Epochs.Sum(e => e.Samples) / Math.Max(TrainingSeconds, 1e-9);
}
