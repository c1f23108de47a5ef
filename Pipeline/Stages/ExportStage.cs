using Harness.Core;
using Harness.Core.Configuration;
using Harness.Export.Exporting;
using Harness.Infer.Ort;
using Harness.Infer.Parity;
using Harness.Train.Data;
using Harness.Train.Training;
using Microsoft.Extensions.Configuration;

namespace Harness.Pipeline.Stages;

/// <summary>
/// Stage <c>export [RUN_FOLDER]</c> (default runs/&lt;Run:Name&gt;): writes model.onnx, model.mc.onnx and
/// probe.safetensors (the first Export:ProbeSamples real test samples — images, or Sim observations for a policy —
/// and the trainer's eval outputs) into the run
/// folder and verifies them in ONNX Runtime. Exit 0 verified, 1 verification failed, 2 unusable input.
/// It lives here, not in Export, because verification needs ONNX Runtime (Infer), which Export must not reference.
/// </summary>
public static class ExportStage
{
    public static int Run(IConfigurationRoot configuration, IReadOnlyList<string> args)
    {
        var binder = new OptionsBinder(configuration);
        var run = binder.Bind<RunOptions>("Run");
        var options = binder.Bind<ExportOptions>("Export");
        var ort = binder.Bind<OrtSessionSettings>("Infer");
        binder.ThrowIfInvalid();
        if (args.Count > 1)
        {
            throw new UsageException("usage: export [RUN_FOLDER]");
        }

        var folder = Path.GetFullPath(args.Count == 1 ? args[0] : run.Folder);
        var trained = TrainedRun.Open(folder);
        using var model = trained.Model;
        var splits = trained.Splits;
        var probeCount = Math.Min(options.ProbeSamples, splits.Test.Count);
        var probe = new float[probeCount * splits.Test.SampleSize];
        splits.Test.Gather(Enumerable.Range(0, probeCount).ToArray(), splits.Normalization.Mean, splits.Normalization.Std,
            probe, new long[probeCount]);
        var sources = new ExportSources
        {
            ClassNames = splits.ClassNames,
            NormalizationMean = splits.Normalization.Mean,
            NormalizationStd = splits.Normalization.Std,
            NormalizationFormula = splits.Train is FeatureDataset ? ExportSources.FeatureFormula : ExportSources.PixelFormula,
            CheckpointPath = trained.ModelPath,
            RecipeSummary = trained.Recipe,
            ProbeInputs = probe,
        };
        try
        {
            var result = new Exporter(folder, new OrtOnnxModelRunner(ort)).Export(model, trained.SampleShape, options, sources);
            Console.WriteLine($"deployment graph   {result.ModelPath}");
            Console.WriteLine($"MC-dropout graph   {result.McModelPath ?? $"none ({result.McSkipReason})"}");
            Console.WriteLine($"probe              {result.ProbePath}");
            Console.WriteLine($"max |trainer − ORT| on the probe: {result.MaxAbsDifference:E2} (tolerance {result.Tolerance:E0})");
            return ExitCodes.Success;
        }
        catch (ExportVerificationException e)
        {
            Console.Error.WriteLine($"export: verification failed: {e.Message}");
            return ExitCodes.CheckFailed;
        }
    }
}
