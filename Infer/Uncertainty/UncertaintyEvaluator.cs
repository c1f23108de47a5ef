using System.Diagnostics;
using Harness.Core.Metrics;
using Harness.Core;
using Harness.Export.Exporting;
using Harness.Export.Onnx.Proto;
using Harness.Export.Onnx;
using Harness.Infer.Ort;
using Harness.Train.Data;

namespace Harness.Infer.Uncertainty;

/// <summary>
/// Evaluates a deployment model and its MC-dropout twin side by side on a test set and on shifted copies of it:
/// accuracy, NLL, Brier, ECE (equal width and equal mass), AURC and reliability data; per shift the OOD metrics of
/// MSP, predictive entropy and mutual information, and histograms of entropy and MI in vs out of distribution; and
/// the time per example, deterministic vs MC, tiled vs looped.
/// </summary>
public static class UncertaintyEvaluator
{
    /// <summary>Model name of the deployment graph in reports.</summary>
    public const string DeterministicName = "deterministic";

    /// <summary>Model name of the MC-dropout graph in reports.</summary>
    public const string McName = "mc";

    private const ulong SubsetStream = 0x554E_4345_5254_5355; // "UNCERTSU"
    private const int WarmupRuns = 20;

    /// <summary>
    /// Runs the whole evaluation. <paramref name="test"/> holds raw images; <paramref name="normalization"/> is the
    /// one the models were trained with. Both models must read [batch, C·H·W-compatible] float input and write
    /// [batch, K] logits with K = the dataset's class count.
    /// </summary>
    /// <exception cref="UsageException">Invalid options, missing files, or models that do not fit the data.</exception>
    public static UncertaintyReport Evaluate(string modelPath, string mcModelPath, ImageDataset test,
        Normalization normalization, UncertaintyOptions options, OrtSessionSettings? settings = null,
        string normalizationSource = "given", Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(test);
        ArgumentNullException.ThrowIfNull(normalization);
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate().ToList();
        if (errors.Count > 0)
        {
            throw new UsageException($"Invalid {UncertaintyOptions.Section} options:\n  " + string.Join("\n  ", errors));
        }

        log ??= _ => { };
        var shifts = options.ParsedShifts();
        var data = Subset(test, options.Samples, options.Seed);
        var labels = ModelInputs.Labels(data);
        var clean = ModelInputs.Normalize(data, normalization);
        using var detSession = Open(modelPath, settings);
        using var mcSession = OpenSharedPrefix(mcModelPath, settings, log);
        using var det = new McPassRunner(detSession, options.MaxRowsPerCall);
        using var mc = new McPassRunner(mcSession, options.MaxRowsPerCall);
        foreach (var runner in new[] { det, mc })
        {
            if (runner.SampleSize != data.SampleSize || runner.Classes != data.Classes)
            {
                throw new UsageException(
                    $"{runner.Session.Source} reads {runner.SampleSize} values and writes {runner.Classes} logits per " +
                    $"sample; the data have {data.SampleSize} values ({data.Channels}×{data.Height}×{data.Width}) and " +
                    $"{data.Classes} classes.");
            }
        }

        var (n, passes, classes) = (data.Count, options.Passes, data.Classes);
        var detLogits = new float[n * classes];
        var mcLogits = new float[n * passes * classes];
        var bulk = new BulkTimer();

        log($"clean: {n} images, {passes} MC passes");
        bulk.Run(det, mc, clean, n, passes, detLogits, mcLogits, warm: false);
        var cleanDet = Deterministic(detLogits, classes, labels);
        var cleanMc = Mc(mcLogits, n, passes, classes, labels);

        var shiftReports = new List<ShiftReport>();
        foreach (var shift in shifts)
        {
            log($"shift {shift.Name}");
            var inputs = shift.CreateInputs(data, normalization, options.Seed);
            bulk.Run(det, mc, inputs, n, passes, detLogits, mcLogits, warm: true);
            var shiftedDet = Deterministic(detLogits, classes, labels);
            var shiftedMc = Mc(mcLogits, n, passes, classes, labels);
            shiftReports.Add(new ShiftReport(
                shift.Name,
                shift.Description,
                shiftedDet.Summary,
                shiftedMc.Summary,
                [
                    Ood(DeterministicName, OodScore.MaxSoftmaxProbability, cleanDet.OneMinusMsp, shiftedDet.OneMinusMsp),
                    Ood(DeterministicName, OodScore.PredictiveEntropy, cleanDet.Entropy, shiftedDet.Entropy),
                    Ood(McName, OodScore.MaxSoftmaxProbability, cleanMc.OneMinusMsp, shiftedMc.OneMinusMsp),
                    Ood(McName, OodScore.PredictiveEntropy, cleanMc.Entropy, shiftedMc.Entropy),
                    Ood(McName, OodScore.MutualInformation, cleanMc.MutualInformation, shiftedMc.MutualInformation),
                ],
                HistogramPair.Create(cleanMc.MutualInformation, shiftedMc.MutualInformation, options.HistogramBins),
                HistogramPair.Create(cleanMc.Entropy, shiftedMc.Entropy, options.HistogramBins)));
        }

        TimingReport? timing = null;
        if (options.TimingSamples > 0)
        {
            log($"timing: {Math.Min(options.TimingSamples, n)} images at batch 1");
            timing = TimeBatch1(detSession, mcSession, clean, data.SampleSize, classes, Math.Min(options.TimingSamples, n),
                passes, options.MaxRowsPerCall, bulk);
        }

        return new UncertaintyReport(Path.GetFullPath(modelPath), Path.GetFullPath(mcModelPath), n, passes,
            options.MaxRowsPerCall, options.Seed, normalizationSource, cleanDet.Summary, cleanMc.Summary, shiftReports, timing);
    }

    /// <summary>
    /// A seeded random subset of <paramref name="samples"/> images in their original order (all when 0 or at least
    /// the set's size).
    /// </summary>
    public static ImageDataset Subset(ImageDataset test, int samples, long seed)
    {
        ArgumentNullException.ThrowIfNull(test);
        if (samples <= 0 || samples >= test.Count)
        {
            return test;
        }

        var indices = Enumerable.Range(0, test.Count).ToArray();
        var random = SplitMix64.ForStream(seed, SubsetStream);
        random.Shuffle(indices.AsSpan());
        var chosen = indices[..samples];
        Array.Sort(chosen);
        return test.Select(chosen);
    }

    /// <summary>
    /// The MC graph with its deterministic prefix shared across passes (<see cref="McPrefixSharing"/>): the layers
    /// before the first dropout run once per sample instead of once per pass. Falls back to the graph as written
    /// when it cannot be rewritten (e.g. a prefix that mixes batch rows).
    /// </summary>
    private static OrtSession OpenSharedPrefix(string path, OrtSessionSettings? settings, Action<string> log)
    {
        ModelProto shared;
        try
        {
            shared = McPrefixSharing.Apply(OnnxModelReader.Read(path));
        }
        catch (Exception e) when (e is NotSupportedException or OnnxFormatException)
        {
            log($"MC passes run the whole graph ({e.Message})");
            return Open(path, settings);
        }
        catch (FileNotFoundException e)
        {
            throw new UsageException(e.Message, e);
        }

        log("MC passes share the deterministic prefix (layers before the first dropout run once per sample)");
        return OrtSession.FromBytes(OnnxModelWriter.ToBytes(shared), settings, $"{path} (shared prefix)");
    }

    private static OrtSession Open(string path, OrtSessionSettings? settings)
    {
        try
        {
            return OrtSession.Open(path, settings);
        }
        catch (FileNotFoundException e)
        {
            throw new UsageException(e.Message, e);
        }
    }

    private static OodResult Ood(string model, OodScore score, double[] clean, double[] shifted) =>
        OodResult.From(model, score, OodDetection.Evaluate(clean, shifted));

    private static Scored Deterministic(float[] logits, int classes, int[] labels)
    {
        var n = labels.Length;
        var probabilities = new double[n * classes];
        for (var i = 0; i < n; i++)
        {
            ProbabilityRows.Softmax<float>(logits.AsSpan(i * classes, classes), probabilities.AsSpan(i * classes, classes));
        }

        var oneMinusMsp = new double[n];
        var entropy = new double[n];
        UncertaintyScores.OneMinusMaxProbability<double>(probabilities, classes, oneMinusMsp);
        UncertaintyScores.Entropy<double>(probabilities, classes, entropy);
        var nll = NegativeLogLikelihood.FromLogits<float>(logits, classes, labels);
        var summary = Summarize(DeterministicName, probabilities, classes, labels, nll, entropy.Average(), 0, 0);
        return new Scored(summary, oneMinusMsp, entropy, new double[n]);
    }

    private static Scored Mc(float[] logits, int n, int passes, int classes, int[] labels)
    {
        var stats = McDropoutStatistics.Compute<float>(logits, n, passes, classes, labels);
        var oneMinusMsp = new double[n];
        UncertaintyScores.OneMinusMaxProbability<double>(stats.MeanProbabilities, classes, oneMinusMsp);
        var summary = Summarize(McName, stats.MeanProbabilities, classes, labels, stats.MeanNll,
            stats.PredictiveEntropy.Average(), stats.MutualInformation.Average(), stats.VariationRatio.Average());
        return new Scored(summary, oneMinusMsp, stats.PredictiveEntropy, stats.MutualInformation);
    }

    private static PredictionSummary Summarize(string model, double[] probabilities, int classes, int[] labels, double nll,
        double meanEntropy, double meanMutualInformation, double meanVariationRatio)
    {
        var reliability = ReliabilityDiagram.Compute<double>(probabilities, classes, labels);
        var selective = SelectiveRisk.FromProbabilities<double>(probabilities, classes, labels);
        return new PredictionSummary(
            model,
            Accuracy.Compute<double>(probabilities, classes, labels),
            nll,
            BrierScore.Compute<double>(probabilities, classes, labels),
            CalibrationError.FromBins(reliability),
            CalibrationError.Expected<double>(probabilities, classes, labels, binning: CalibrationBinning.EqualMass),
            selective.Aurc,
            selective.ExcessAurc,
            meanEntropy,
            meanMutualInformation,
            meanVariationRatio,
            reliability,
            selective.Curve);
    }

    private static TimingReport TimeBatch1(OrtSession detSession, OrtSession mcSession, float[] inputs, int size,
        int classes, int examples, int passes, int maxRows, BulkTimer bulk)
    {
        using var det = new McPassRunner(detSession, maxRows);
        using var tiled = new McPassRunner(mcSession, maxRows);
        using var loop = new McPassRunner(mcSession, maxRows);
        var detOut = new float[classes];
        var mcOut = new float[passes * classes];
        var first = inputs.AsSpan(0, size);
        for (var w = 0; w < WarmupRuns; w++)
        {
            det.Run(first, 1, 1, McExecutionMode.Tiled, detOut);
            tiled.Run(first, 1, passes, McExecutionMode.Tiled, mcOut);
            loop.Run(first, 1, passes, McExecutionMode.Loop, mcOut);
        }

        double Time(McPassRunner runner, int t, McExecutionMode mode, float[] output)
        {
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < examples; i++)
            {
                runner.Run(inputs.AsSpan(i * size, size), 1, t, mode, output);
            }

            return watch.Elapsed.TotalMilliseconds / examples;
        }

        return new TimingReport(
            examples,
            Time(det, 1, McExecutionMode.Tiled, detOut),
            Time(tiled, passes, McExecutionMode.Tiled, mcOut),
            Time(loop, passes, McExecutionMode.Loop, mcOut),
            bulk.DeterministicMsPerExample,
            bulk.McMsPerExample);
    }

    /// <summary>Per-sample scores of one model on one image set, and its summary.</summary>
    private sealed record Scored(PredictionSummary Summary, double[] OneMinusMsp, double[] Entropy, double[] MutualInformation);

    /// <summary>
    /// Times the bulk runs. Runs on warm runners (the shifted sets, which reuse the clean run's row counts) replace
    /// the first, cold one, which includes creating the runners.
    /// </summary>
    private sealed class BulkTimer
    {
        private double _detMs, _mcMs;
        private long _detExamples, _mcExamples;
        private bool _warm;

        public double DeterministicMsPerExample => _detMs / Math.Max(_detExamples, 1);

        public double McMsPerExample => _mcMs / Math.Max(_mcExamples, 1);

        public void Run(McPassRunner det, McPassRunner mc, float[] inputs, int n, int passes, float[] detLogits,
            float[] mcLogits, bool warm)
        {
            var watch = Stopwatch.StartNew();
            det.Run(inputs, n, 1, McExecutionMode.Tiled, detLogits);
            var detMs = watch.Elapsed.TotalMilliseconds;
            watch.Restart();
            mc.Run(inputs, n, passes, McExecutionMode.Tiled, mcLogits);
            var mcMs = watch.Elapsed.TotalMilliseconds;
            if (warm && !_warm)
            {
                (_detMs, _mcMs, _detExamples, _mcExamples, _warm) = (0, 0, 0, 0, true);
            }

            if (warm == _warm)
            {
                (_detMs, _mcMs, _detExamples, _mcExamples) = (_detMs + detMs, _mcMs + mcMs, _detExamples + n, _mcExamples + n);
            }
        }
    }
}
