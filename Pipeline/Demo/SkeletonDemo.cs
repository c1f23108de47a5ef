using System.Text.Json;
using Harness.Core;
using Harness.Core.Configuration;
using Harness.Core.Runs;
using Harness.Export.Exporting;
using Harness.Export.Onnx;
using Harness.Infer.Ort;
using Harness.Infer.Parity;
using Harness.Train.Configuration;
using Harness.Train.Data;
using Harness.Train.Training;
using Microsoft.Extensions.Configuration;

namespace Harness.Pipeline.Demo;

/// <summary>
/// The walking skeleton, end to end: train the configured MLP on Fashion-MNIST, evaluate on the test set, export
/// the deployment graph, load it in ONNX Runtime and compare its logits on the first test images with the
/// trainer's eval-mode logits. Exit 1 when parity or accuracy misses its bar.
/// </summary>
public static class SkeletonDemo
{
    /// <summary>The issue's bar for trainer-vs-ORT logits (float32 kernels differ in summation order).</summary>
    public const double ParityTolerance = 1e-4;

    /// <summary>The issue's bar for one epoch of the MLP (anchor: 0.883 after full training).</summary>
    public const double MinimumAccuracy = 0.82;

    public const int ParityImages = 256;

    public static int Run(IConfigurationRoot configuration)
    {
        var binder = new OptionsBinder(configuration);
        var settings = TrainingSettings.Bind(binder);
        var ort = binder.Bind<OrtSessionSettings>("Infer");
        binder.ThrowIfInvalid();

        var folder = new RunFolder(settings.Run.Folder);
        var result = TrainJob.Run(settings, configuration, folder, Console.Out);
        using var model = result.Model;
        var test = result.Splits.Test;
        var normalization = result.Splits.Normalization;

        var graph = GraphExportSettings.Default;
        var info = ExportMetadata.Create(OnnxVersions.DefaultOpset, new ExportSources
        {
            ClassNames = result.Splits.ClassNames,
            NormalizationMean = normalization.Mean,
            NormalizationStd = normalization.Std,
            CheckpointPath = result.ModelPath,
            RecipeSummary = RecipeSummary.Describe(settings),
        }, graph, mc: null);
        var onnxPath = folder.File("model.onnx");
        OnnxModelWriter.Write(DeploymentExporter.Export(model, result.SampleShape, info, graph), onnxPath);

        var count = Math.Min(ParityImages, test.Count);
        using var session = OrtSession.Open(onnxPath, ort);
        using var runner = new OrtRunner(session, count);
        var indices = Enumerable.Range(0, count).ToArray();
        test.Gather(indices, normalization.Mean, normalization.Std, runner.Input(0), new long[count]);
        runner.Run();
        var trainerLogits = result.Test.Logits.AsSpan(0, count * test.Classes);
        var maxDiff = OutputComparison.MaxAbsDifference(trainerLogits, runner.Output(0));

        var accuracy = result.Test.Accuracy;
        var samplesPerSecond = result.SamplesPerSecond;
        var passed = maxDiff <= ParityTolerance && accuracy >= MinimumAccuracy;
        RunFolder.WriteAtomically(folder.File("demo.json"), System.Text.Json.JsonSerializer.Serialize(new
        {
            test_accuracy = accuracy,
            test_loss = result.Test.Loss,
            trainer_vs_ort_max_abs_diff = maxDiff,
            parity_images = count,
            train_samples_per_second = samplesPerSecond,
            ort_version = OrtRuntime.Version,
            torch_version = Harness.Train.Torch.Torch.Version,
            onnx = onnxPath,
            passed,
        }, RunFolder.Json));

        Console.WriteLine();
        Console.WriteLine($"test accuracy                 {accuracy:F4}   (bar >= {MinimumAccuracy})");
        Console.WriteLine($"max |trainer - ORT| logits    {maxDiff:E2} over {count}x{test.Classes}   (bar <= {ParityTolerance:E0})");
        Console.WriteLine($"training samples/s            {samplesPerSecond:F0}");
        Console.WriteLine($"ONNX Runtime version          {OrtRuntime.Version}");
        Console.WriteLine($"model                         {onnxPath}");
        Console.WriteLine($"summary                       {folder.File("demo.json")}");
        Console.WriteLine(passed ? "demo: PASS" : "demo: FAIL");
        return passed ? ExitCodes.Success : ExitCodes.CheckFailed;
    }
}
