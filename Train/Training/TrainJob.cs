using Harness.Core.Configuration;
using Harness.Core.Console;
using Harness.Core.Runs;
using Harness.Train.Checkpoints;
using Harness.Train.Configuration;
using Harness.Train.Data;
using Harness.Train.Models;
using Harness.Train.Modules;
using Harness.Train.Optim;
using Harness.Train.Torch;

namespace Harness.Train.Training;

/// <summary>What a training job leaves behind: the trained model (eval mode) and its measurements.</summary>
public sealed record TrainResult(
    Sequential Model,
    Normalization Normalization,
    long[] SampleShape,
    ImageDataset Test,
    Evaluation TestEvaluation,
    IReadOnlyList<EpochMetrics> Epochs,
    string CheckpointPath);

/// <summary>
/// Trains the configured model on Fashion-MNIST into a run folder: resolved config, metrics.jsonl per epoch,
/// the last checkpoint (safetensors) and summary.json.
/// </summary>
public static class TrainJob
{
    public static TrainResult Run(TrainOptions train, DataOptions data, RunOptions run, RunFolder folder, TextWriter log)
    {
        var device = ResolveDevice(train.Device);
        Torch.Torch.Threads = train.Threads > 0 ? train.Threads : Environment.ProcessorCount;
        Torch.Torch.ManualSeed((ulong)run.Seed);

        var trainSet = FashionMnist.LoadTrain(data.FashionMnistDir);
        var testSet = FashionMnist.LoadTest(data.FashionMnistDir);
        var normalization = Normalization.FromTrainingSet(trainSet);
        long[] sampleShape = [trainSet.SampleSize];
        log.WriteLine($"data: {trainSet.Count} train / {testSet.Count} test images from {data.FashionMnistDir}; " +
                      $"mean {normalization.Mean[0]:F4}, std {normalization.Std[0]:F4}");

        var model = Mlp.Create(trainSet.SampleSize, train.Hidden, trainSet.Classes, train.BatchNorm, train.Dropout);
        model.To(device);
        log.WriteLine($"model: MLP {trainSet.SampleSize} → {string.Join(" → ", train.Hidden)} → {trainSet.Classes} " +
                      $"(BatchNorm {train.BatchNorm}, dropout {train.Dropout}), {model.ParameterCount:N0} parameters, on {device}");

        using var optimizer = new AdamW([new ParameterGroup(model.Parameters().ToList(), train.WeightDecay)], train.LearningRate);
        var trainer = new Trainer(model, optimizer, device, sampleShape);
        var epochs = new List<EpochMetrics>();
        for (var epoch = 1; epoch <= train.Epochs; epoch++)
        {
            var progress = new ProgressLine($"epoch {epoch}/{train.Epochs}");
            var metrics = trainer.TrainEpoch(trainSet, normalization, train.BatchSize, run.Seed, epoch,
                (done, total, loss) => progress.Report(done, total, $"loss {loss:F4}"));
            epochs.Add(metrics);
            folder.AppendMetrics(new
            {
                epoch, train_loss = metrics.Loss, train_accuracy = metrics.Accuracy, lr = optimizer.LearningRate,
                samples_per_second = metrics.SamplesPerSecond, seconds = metrics.Seconds,
            });
            log.WriteLine($"epoch {epoch}: loss {metrics.Loss:F4}, train accuracy {metrics.Accuracy:F4}, " +
                          $"{metrics.SamplesPerSecond:F0} samples/s, {metrics.Seconds:F1} s");
        }

        var checkpoint = folder.File("last.safetensors");
        ModuleState.Save(model, checkpoint, new Dictionary<string, string>
        {
            ["epochs"] = train.Epochs.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["model"] = "mlp",
        });

        var evaluation = Trainer.Evaluate(model, testSet, normalization, sampleShape, device);
        log.WriteLine($"test: accuracy {evaluation.Accuracy:F4}, loss {evaluation.Loss:F4}");
        folder.WriteSummary(new
        {
            test_accuracy = evaluation.Accuracy, test_loss = evaluation.Loss,
            train_samples_per_second = epochs[^1].SamplesPerSecond, parameters = model.ParameterCount,
            torch_version = Torch.Torch.Version, device = device.ToString(),
        });
        return new TrainResult(model, normalization, sampleShape, testSet, evaluation, epochs, checkpoint);
    }

    /// <summary>Parses Train:Device; asking for CUDA where the loaded libtorch has none is a usage error.</summary>
    public static Device ResolveDevice(string setting)
    {
        var device = Device.Parse(setting);
        if (device.Kind == DeviceKind.Cuda)
        {
            var count = Torch.Torch.CudaDeviceCount;
            if (device.Index >= count)
            {
                throw new Harness.Core.UsageException(
                    $"Train:Device = '{setting}', but the loaded libtorch ({Torch.Torch.Version}) sees {count} CUDA device(s). " +
                    "Use cpu or auto, or build the shim against a CUDA libtorch (HARNESS_TORCH_DIR, see README).");
            }
        }

        return device;
    }
}
