namespace Harness.Train.Training;

/// <summary>File names inside a run folder that the training stage writes and later stages read.</summary>
public static class RunArtifacts
{
    /// <summary>The weights the run's test metrics were computed with (deploy these): state_dict names.</summary>
    public const string Model = "model.safetensors";

    /// <summary>The weights with the best validation loss so far (state_dict names).</summary>
    public const string Best = "best.safetensors";

    /// <summary>The full training state at the end of the last completed epoch, for resuming.</summary>
    public const string Last = "last.safetensors";

    public const string Metrics = "metrics.jsonl";

    public const string Summary = "summary.json";

    public const string Config = "config.json";

    public const string Log = "train.log";
}
