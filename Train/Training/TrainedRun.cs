using Harness.Core;
using Harness.Train.Checkpoints;
using Harness.Train.Configuration;
using Harness.Train.Data;
using Harness.Train.Modules;
using Microsoft.Extensions.Configuration;

namespace Harness.Train.Training;

/// <summary>A finished run read back from its folder: the settings it was trained with and its final model.</summary>
public sealed record TrainedRun(string Folder, TrainingSettings Settings, DataSplits Splits, Module Model, long[] SampleShape, string ModelPath)
{
    /// <summary>
    /// Reads runs/&lt;name&gt;/: config.json (the settings it was trained with, not today's defaults), the data splits
    /// those settings give (for normalization and real probe images), and model.safetensors loaded into the
    /// rebuilt architecture. Missing pieces are a <see cref="UsageException"/> saying which.
    /// </summary>
    public static TrainedRun Open(string folder)
    {
        var config = Path.Combine(folder, RunArtifacts.Config);
        var weights = Path.Combine(folder, RunArtifacts.Model);
        if (!File.Exists(config) || !File.Exists(weights))
        {
            throw new UsageException(
                $"{folder} is not a finished run: it needs {RunArtifacts.Config} and {RunArtifacts.Model} (run the train stage first).");
        }

        var settings = TrainingSettings.Bind(new ConfigurationBuilder().AddJsonFile(config).Build());
        var splits = DataSplits.Load(settings.Data, settings.Run.Seed, settings.Sim);
        var built = TrainingRun.Build(settings.Model, splits);
        try
        {
            ModuleState.Load(built.Module, weights);
            built.Module.Eval();
            return new TrainedRun(folder, settings, splits, built.Module, built.InputShape, weights);
        }
        catch
        {
            built.Module.Dispose();
            throw;
        }
    }

    /// <summary>One line saying how the model was trained (for the ONNX metadata).</summary>
    public string Recipe => RecipeSummary.Describe(Settings);
}
