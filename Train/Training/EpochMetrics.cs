using System.Text.Json.Serialization;

namespace Harness.Train.Training;

/// <summary>One epoch's measurements: a line of metrics.jsonl.</summary>
public sealed record EpochMetrics(
    [property: JsonPropertyName("epoch")] int Epoch,
    [property: JsonPropertyName("train_loss")] double TrainLoss,
    [property: JsonPropertyName("train_accuracy")] double TrainAccuracy,
    [property: JsonPropertyName("val_loss")] double ValidationLoss,
    [property: JsonPropertyName("val_accuracy")] double ValidationAccuracy,
    [property: JsonPropertyName("lr")] double LearningRate,
    [property: JsonPropertyName("grad_norm")] double GradNorm,
    [property: JsonPropertyName("samples")] int Samples,
    [property: JsonPropertyName("samples_per_second")] double SamplesPerSecond,
    [property: JsonPropertyName("seconds")] double Seconds);
