using Harness.Core;
using Harness.Export.Onnx;
using Harness.Export.Probe;
using Harness.Train.Modules;

namespace Harness.Export.Exporting;

/// <summary>
/// The export stage's library: writes model.onnx (deployment), model.mc.onnx (MC dropout) and probe.safetensors
/// into one folder, then verifies them in an inference engine: the deployment graph must reproduce the trainer's
/// eval outputs on the probe (batched and a single sample alone), the MC graph must differ between two runs.
/// </summary>
public sealed class Exporter
{
    public const string ModelFile = "model.onnx";
    public const string McModelFile = "model.mc.onnx";
    public const string ProbeFile = "probe.safetensors";

    private readonly string _folder;
    private readonly IOnnxModelRunner _runner;

    /// <summary>An exporter writing into <paramref name="folder"/> (created when missing) and verifying with
    /// <paramref name="runner"/> (Infer's <c>OrtOnnxModelRunner</c>).</summary>
    public Exporter(string folder, IOnnxModelRunner runner)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        ArgumentNullException.ThrowIfNull(runner);
        _folder = Path.GetFullPath(folder);
        _runner = runner;
    }

    /// <summary>Exports, writes the probe and verifies.</summary>
    /// <param name="model">The trained module (its train/eval mode is left as it was).</param>
    /// <param name="sampleShape">One sample's shape, without the batch ([784], [1, 28, 28]).</param>
    /// <param name="options">The Export section.</param>
    /// <param name="sources">Metadata and probe inputs.</param>
    /// <exception cref="UsageException">Invalid options, or a layer that cannot be exported with them.</exception>
    /// <exception cref="ExportVerificationException">The files were written but the deployment graph does not
    /// match the trainer within <see cref="ExportOptions.ParityTolerance"/>, or the MC graph does not sample.</exception>
    public ExportResult Export(Module model, long[] sampleShape, ExportOptions options, ExportSources sources)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(sampleShape);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sources);
        var errors = options.Validate().ToList();
        if (errors.Count > 0)
        {
            throw new UsageException("Invalid Export options:\n  - " + string.Join("\n  - ", errors.Select(e => "Export:" + e)));
        }

        var settings = options.ToGraphSettings();
        var deployment = Build(() => DeploymentExporter.Export(model, sampleShape,
            ExportMetadata.Create(options.Opset, sources, settings, mc: null), settings));
        var built = Build(() => McDropoutExporter.Export(model, sampleShape,
            ExportMetadata.Create(options.Opset, sources, settings, mc: []), settings));
        // The metadata lists the sampled sites, known only once the graph is built: re-wrap the same graph.
        var mc = built.Sites.Count == 0
            ? null
            : built with
            {
                Model = OnnxModelWriter.CreateModel(built.Model.Graph,
                    ExportMetadata.Create(options.Opset, sources, settings, built.Sites)),
            };

        Directory.CreateDirectory(_folder);
        var modelPath = Path.Combine(_folder, ModelFile);
        var mcPath = Path.Combine(_folder, McModelFile);
        var probePath = Path.Combine(_folder, ProbeFile);
        OnnxModelWriter.Write(deployment, modelPath);
        string? skipReason = null;
        if (mc is not null)
        {
            OnnxModelWriter.Write(mc.Model, mcPath);
        }
        else
        {
            // A stale MC graph of an earlier export must not sit next to this model.
            File.Delete(mcPath);
            skipReason = $"the model has no dropout of the sampled kinds ({string.Join(", ", DropoutKindNames.Split(settings.McSampling).DefaultIfEmpty("none"))}) " +
                         "with a rate above 0, so an MC graph would be deterministic";
        }

        var probe = ProbeRecorder.Record(model, sampleShape, sources.ProbeInputs, options.ProbeSamples, options.ParityTolerance);
        probe.Save(probePath);

        var difference = VerifyDeployment(modelPath, probe);
        var mcDifference = mc is null ? 0 : VerifyMcSamples(mcPath, probe);
        return new ExportResult(modelPath, mc is null ? null : mcPath, probePath, difference, options.ParityTolerance,
            mcDifference, mc?.Sites ?? [], skipReason);
    }

    private double VerifyDeployment(string modelPath, ModelProbe probe)
    {
        var batched = _runner.Run(modelPath, probe.Inputs, probe.InputShape, 1)[0];
        var perSample = probe.Inputs.Length / probe.Count;
        var alone = _runner.Run(modelPath, probe.Inputs[..perSample], [1, .. probe.InputShape[1..]], 1)[0];
        var outputsPerSample = probe.Outputs.Length / probe.Count;
        var difference = Math.Max(
            MaxAbsDifference(probe.Outputs, batched),
            MaxAbsDifference(probe.Outputs.AsSpan(0, outputsPerSample), alone));
        if (!(difference <= probe.Tolerance))
        {
            throw new ExportVerificationException(
                $"{modelPath}: the deployment graph differs from the trainer's eval-mode outputs on the probe " +
                $"({probe.Count} samples, batched and the first alone): max |trainer − ONNX Runtime| = {difference:E2}, " +
                $"tolerance {probe.Tolerance:E0}.");
        }

        return difference;
    }

    private double VerifyMcSamples(string mcPath, ModelProbe probe)
    {
        var runs = _runner.Run(mcPath, probe.Inputs, probe.InputShape, 2);
        var difference = MaxAbsDifference(runs[0], runs[1]);
        if (!(difference > 0))
        {
            throw new ExportVerificationException(
                $"{mcPath}: two runs of the MC-dropout graph on the probe gave identical outputs: it does not sample " +
                "under the runtime's default optimizations.");
        }

        return difference;
    }

    /// <summary>max |a − b|; a length mismatch or NaN counts as +∞.</summary>
    private static double MaxAbsDifference(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length)
        {
            return double.PositiveInfinity;
        }

        double max = 0;
        for (var i = 0; i < a.Length; i++)
        {
            var d = Math.Abs((double)a[i] - b[i]);
            max = double.IsNaN(d) ? double.PositiveInfinity : Math.Max(max, d);
        }

        return max;
    }

    private static T Build<T>(Func<T> build)
    {
        try
        {
            return build();
        }
        catch (NotSupportedException e)
        {
            throw new UsageException(e.Message, e);
        }
    }
}
