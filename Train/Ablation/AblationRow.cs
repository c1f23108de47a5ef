using System.Text.Json.Serialization;

namespace Harness.Train.Ablation;

/// <summary>One measured row of the ablation table.</summary>
public sealed record AblationRow(
    [property: JsonPropertyName("variant")] string Variant,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("train_accuracy")] double TrainAccuracy,
    [property: JsonPropertyName("test_accuracy")] double TestAccuracy,
    [property: JsonPropertyName("gap")] double Gap,
    [property: JsonPropertyName("test_nll")] double TestNll,
    [property: JsonPropertyName("test_ece")] double TestEce,
    [property: JsonPropertyName("epochs_used")] int EpochsUsed,
    [property: JsonPropertyName("training_seconds")] double TrainingSeconds);
