using System.Text.Json;
using Harness.Core;
using Harness.Core.Runs;
using Harness.Train.Checkpoints;
using Harness.Train.Configuration;
using Harness.Train.Data;
using Harness.Train.Modules;
using Harness.Train.Regularization;
using Microsoft.Extensions.Configuration;

namespace Harness.Train.Training;

/// <summary>
/// A training run in its folder: resumes from the last completed epoch when the folder holds one for the same
/// configuration, trains epoch by epoch (metrics.jsonl, best.safetensors on validation loss, last.safetensors with
/// the full state), stops early when asked, then evaluates the final weights on the test set and writes
/// model.safetensors and summary.json.
/// </summary>
public static class TrainJob
{
    /// <summary>The sections that decide a run's numbers: a resumed run must agree with the interrupted one on them.</summary>
    private static readonly HashSet<string> TrainingSections = new(StringComparer.OrdinalIgnoreCase)
    {
        "Data", "Augment", "Model", "Optimizer", "Regularization", "Schedule", "Mix", "Distillation", "Train",
    };

    /// <summary>Keys inside those sections that may differ between an interrupted run and its resumption.</summary>
    private static readonly HashSet<string> ResumeNeutralKeys =
        new(StringComparer.OrdinalIgnoreCase) { "Train:Resume", "Data:LoaderWorkers", "Data:Prefetch" };

    public static TrainResult Run(TrainingSettings settings, IConfiguration configuration, RunFolder folder, TextWriter log,
        CancellationToken cancellation = default)
    {
        var splits = DataSplits.Load(settings.Data, settings.Run.Seed, settings.Sim, log);
        log.WriteLine($"data: {settings.Data.Dataset}, {splits.Train.Count} train / {splits.Validation.Count} validation / " +
                      $"{splits.Test.Count} test samples of [{string.Join(", ", splits.Train.SampleDimensions)}]; normalization mean [{string.Join(", ", splits.Normalization.Mean.Take(8).Select(m => m.ToString("F4", System.Globalization.CultureInfo.InvariantCulture)))}{(splits.Normalization.Mean.Length > 8 ? ", …" : "")}]");

        var lastPath = folder.File(RunArtifacts.Last);
        var resuming = settings.Train.Resume && File.Exists(lastPath);
        if (resuming)
        {
            RequireSameConfiguration(folder, configuration);
        }
        else
        {
            foreach (var stale in new[] { RunArtifacts.Last, RunArtifacts.Best, RunArtifacts.Model, RunArtifacts.Metrics, RunArtifacts.Summary })
            {
                File.Delete(folder.File(stale));
            }
        }

        folder.WriteConfig(configuration);
        using var run = new TrainingRun(settings, splits, log);
        var history = new List<EpochMetrics>();
        if (resuming)
        {
            var done = TrainingCheckpoint.Load(lastPath, run);
            history.AddRange(ReadHistory(folder).Where(m => m.Epoch <= done));
            RewriteHistory(folder, history);
            log.WriteLine($"resumed from {lastPath} after epoch {done}");
        }

        var reg = settings.Regularization;
        using var stopping = reg.EarlyStoppingPatience > 0
            ? new EarlyStopping(reg.EarlyStoppingPatience, reg.EarlyStoppingMinDelta, EarlyStoppingMode.Min, restoreBestWeights: false)
            : null;
        var bestValidation = double.PositiveInfinity;
        var stopped = false;
        foreach (var m in history)
        {
            stopped = stopping?.Observe(m.ValidationLoss) ?? false;
            bestValidation = Math.Min(bestValidation, m.ValidationLoss);
        }

        for (var epoch = (history.Count == 0 ? 0 : history[^1].Epoch) + 1; epoch <= settings.Train.Epochs && !stopped; epoch++)
        {
            var trained = run.TrainEpoch(epoch, cancellation);
            var evalModel = run.EvaluationModel;
            var validation = Evaluator.Evaluate(evalModel, splits.Validation, splits.Normalization, run.SampleShape, run.Device);
            var metrics = trained with { ValidationLoss = validation.Loss, ValidationAccuracy = validation.Accuracy };
            history.Add(metrics);
            folder.AppendMetrics(metrics);
            if (splits.Validation.Count == 0 || validation.Loss < bestValidation)
            {
                bestValidation = validation.Loss;
                ModuleState.Save(evalModel, folder.File(RunArtifacts.Best));
            }

            TrainingCheckpoint.Save(lastPath, run, epoch);
            FaultInjection.AfterEpoch(epoch);
            log.WriteLine($"epoch {epoch}: train loss {metrics.TrainLoss:F4} acc {metrics.TrainAccuracy:F4} | " +
                          $"val loss {metrics.ValidationLoss:F4} acc {metrics.ValidationAccuracy:F4} | lr {metrics.LearningRate:G3} " +
                          $"| grad norm {metrics.GradNorm:F3} | {metrics.SamplesPerSecond:F0} samples/s, {metrics.Seconds:F1} s");
            stopped = stopping?.Observe(validation.Loss) ?? false;
            if (stopped)
            {
                log.WriteLine($"early stopping: no validation improvement above {reg.EarlyStoppingMinDelta} for {reg.EarlyStoppingPatience} epochs");
            }
        }

        var final = TrainingRun.Build(settings.Model, splits).Module;
        try
        {
            final.To(run.Device);
            if (stopping is not null && reg.EarlyStoppingRestoreBest)
            {
                ModuleState.Load(final, folder.File(RunArtifacts.Best));
                log.WriteLine($"restored the best weights (validation loss {bestValidation:F4})");
            }
            else
            {
                CopyState(run.EvaluationModel, final);
            }

            var modelPath = folder.File(RunArtifacts.Model);
            ModuleState.Save(final, modelPath);
            var test = Evaluator.Evaluate(final, splits.Test, splits.Normalization, run.SampleShape, run.Device);
            var trainLimit = settings.Train.EvalTrainSamples > 0 ? settings.Train.EvalTrainSamples : (int?)null;
            var trainEval = Evaluator.Evaluate(final, splits.Train, splits.Normalization, run.SampleShape, run.Device, limit: trainLimit);
            var result = new TrainResult(final, run.SampleShape, splits, test, trainEval, history, stopped, modelPath);
            folder.WriteSummary(Summary(settings, run, result, bestValidation));
            log.WriteLine($"test: accuracy {test.Accuracy:F4}, NLL {test.Loss:F4}, ECE {test.Ece:F4}; train accuracy {trainEval.Accuracy:F4} " +
                          $"(gap {result.Gap:F4}); {history.Count} epochs, {result.TrainingSeconds:F0} s, {result.SamplesPerSecond:F0} samples/s");
            return result;
        }
        catch
        {
            final.Dispose();
            throw;
        }
    }

    private static object Summary(TrainingSettings settings, TrainingRun run, TrainResult result, double bestValidation) => new
    {
        profile = settings.Run.Profile,
        model = settings.Model.Kind,
        parameters = run.Model.ParameterCount,
        device = run.Device.ToString(),
        torch_version = Torch.Torch.Version,
        train_images = result.Splits.Train.Count,
        epochs_used = result.Epochs.Count,
        stopped_early = result.StoppedEarly,
        best_val_loss = bestValidation,
        test_accuracy = result.Test.Accuracy,
        test_nll = result.Test.Loss,
        test_ece = result.Test.Ece,
        train_accuracy = result.TrainEval.Accuracy,
        gap = result.Gap,
        training_seconds = result.TrainingSeconds,
        samples_per_second = result.SamplesPerSecond,
    };

    private static void CopyState(Module source, Module target)
    {
        using var noGrad = Torch.Torch.NoGrad();
        foreach (var ((_, s), (_, t)) in source.NamedState().Zip(target.NamedState()))
        {
            t.CopyFrom(s);
        }
    }

    private static void RequireSameConfiguration(RunFolder folder, IConfiguration configuration)
    {
        var previous = folder.ConfigFile;
        if (!File.Exists(previous))
        {
            throw new UsageException($"{folder.Path} has a checkpoint but no config.json; use another Run:Name or --Train:Resume=false.");
        }

        var before = new ConfigurationBuilder().AddJsonFile(previous).Build().AsEnumerable()
            .Where(kv => kv.Value is not null).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.OrdinalIgnoreCase);
        var now = configuration.AsEnumerable().Where(kv => kv.Value is not null)
            .ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.OrdinalIgnoreCase);
        // Keys present on one side only come from a newer or older version of the settings file (every run writes
        // the whole resolved configuration); a new key's default keeps the old behaviour, so only shared keys count.
        var differing = before.Keys.Intersect(now.Keys, StringComparer.OrdinalIgnoreCase)
            .Where(k => (TrainingSections.Contains(k.Split(':')[0]) || k.Equals("Run:Seed", StringComparison.OrdinalIgnoreCase)) &&
                        !ResumeNeutralKeys.Contains(k))
            .Where(k => before.GetValueOrDefault(k) != now.GetValueOrDefault(k))
            .Select(k => $"{k}: '{before.GetValueOrDefault(k)}' → '{now.GetValueOrDefault(k)}'")
            .ToList();
        if (differing.Count > 0)
        {
            throw new UsageException(
                $"{folder.Path} holds the checkpoint of a run with a different configuration ({string.Join("; ", differing.Take(8))}" +
                $"{(differing.Count > 8 ? $"; and {differing.Count - 8} more" : "")}). Resume with the same settings, choose " +
                "another Run:Name, or start over with --Train:Resume=false.");
        }
    }

    private static List<EpochMetrics> ReadHistory(RunFolder folder)
    {
        if (!File.Exists(folder.MetricsFile))
        {
            return [];
        }

        return File.ReadAllLines(folder.MetricsFile)
            .Where(l => l.Trim().Length > 0)
            .Select(l => JsonSerializer.Deserialize<EpochMetrics>(l, RunFolder.JsonLine) ?? throw new UsageException($"{folder.MetricsFile}: bad line '{l}'"))
            .ToList();
    }

    private static void RewriteHistory(RunFolder folder, IEnumerable<EpochMetrics> history) =>
        RunFolder.WriteAtomically(folder.MetricsFile, string.Concat(history.Select(m => JsonSerializer.Serialize(m, RunFolder.JsonLine) + "\n")));
}
