using System.Globalization;
using System.Text.Json;
using Harness.Core;
using Harness.Core.Configuration;
using Harness.Core.Runs;
using Harness.Export.Exporting;
using Harness.Infer.Ort;
using Harness.Train.Data;
using Microsoft.Extensions.Configuration;

namespace Harness.Infer.Uncertainty;

/// <summary>
/// <c>uncertainty MODEL.onnx MODEL.mc.onnx [--data DIR] [--out FOLDER]</c>: evaluates the deployment model and its
/// MC-dropout twin on Fashion-MNIST's test set (from DIR, default <see cref="FashionMnist.DefaultDirectory"/>) and on
/// the configured shifts, and writes <c>uncertainty.json</c> and <c>uncertainty.md</c> into FOLDER (default: the
/// deployment model's folder). Settings: section <c>Uncertainty</c> (<see cref="UncertaintyOptions"/>) and
/// <c>Infer</c> (<see cref="OrtSessionSettings"/>). The input normalization comes from the model's
/// <c>input_normalization</c> metadata, else from the training images in DIR. Exit 0, or 2 for unusable input.
/// </summary>
public static class UncertaintyCommand
{
    /// <summary>The usage line.</summary>
    public const string Usage = "usage: uncertainty MODEL.onnx MODEL.mc.onnx [--data FASHION_MNIST_DIR] [--out FOLDER]";

    /// <summary>The JSON report's file name.</summary>
    public const string JsonFile = "uncertainty.json";

    /// <summary>The Markdown report's file name.</summary>
    public const string MarkdownFile = "uncertainty.md";

    /// <summary>Runs the stage; the signature matches <see cref="StageRunner.Run"/>'s body.</summary>
    public static int Run(IConfiguration configuration, IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var (model, mcModel, data, output) = Parse(args);
        var binder = new OptionsBinder(configuration);
        var options = binder.Bind<UncertaintyOptions>(UncertaintyOptions.Section);
        var settings = binder.Bind<OrtSessionSettings>("Infer");
        binder.ThrowIfInvalid();

        var test = FashionMnist.LoadTest(data);
        var (normalization, source) = ReadNormalization(model, settings) ?? FromTraining(data);
        var report = UncertaintyEvaluator.Evaluate(model, mcModel, test, normalization, options, settings, source,
            message => Console.Error.WriteLine($"uncertainty: {message}"));

        Directory.CreateDirectory(output);
        RunFolder.WriteAtomically(Path.Combine(output, JsonFile), UncertaintyReportWriter.ToJson(report));
        var markdown = UncertaintyReportWriter.ToMarkdown(report);
        RunFolder.WriteAtomically(Path.Combine(output, MarkdownFile), markdown);
        Console.WriteLine(markdown);
        Console.WriteLine($"wrote {Path.Combine(output, JsonFile)} and {Path.Combine(output, MarkdownFile)}");
        return ExitCodes.Success;
    }

    /// <summary>
    /// The normalization stored in a model's <see cref="ExportMetadata.NormalizationKey"/> metadata
    /// (<c>{"mean": [...], "std": [...]}</c>), or null when it has none.
    /// </summary>
    /// <exception cref="UsageException">The metadata is there but malformed.</exception>
    public static (Normalization Normalization, string Source)? ReadNormalization(string modelPath, OrtSessionSettings? settings = null)
    {
        string? text;
        try
        {
            using var session = OrtSession.Open(modelPath, settings);
            text = session.GetMetadata(ExportMetadata.NormalizationKey);
        }
        catch (FileNotFoundException e)
        {
            throw new UsageException(e.Message, e);
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            using var json = JsonDocument.Parse(text);
            var mean = json.RootElement.GetProperty("mean").EnumerateArray().Select(e => e.GetSingle()).ToArray();
            var std = json.RootElement.GetProperty("std").EnumerateArray().Select(e => e.GetSingle()).ToArray();
            if (mean.Length == 0 || mean.Length != std.Length || std.Any(s => !(s > 0)))
            {
                throw new FormatException("mean and std must be equally long, non-empty, with positive deviations");
            }

            return (new Normalization(mean, std), $"model metadata '{ExportMetadata.NormalizationKey}' " +
                $"(mean {Format(mean)}, std {Format(std)})");
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new UsageException($"{modelPath}: metadata '{ExportMetadata.NormalizationKey}' = '{text}' is not usable: {e.Message}", e);
        }
    }

    private static (Normalization, string) FromTraining(string data)
    {
        var normalization = Normalization.FromTrainingSet(FashionMnist.LoadTrain(data));
        return (normalization, $"statistics of every training image in {data} (the model has no normalization metadata; " +
            $"mean {Format(normalization.Mean)}, std {Format(normalization.Std)})");
    }

    private static string Format(float[] values) =>
        "[" + string.Join(", ", values.Select(v => v.ToString("0.####", CultureInfo.InvariantCulture))) + "]";

    private static (string Model, string McModel, string Data, string Output) Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var positional = new List<string>();
        string data = FashionMnist.DefaultDirectory;
        string? output = null;
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] is "--data" or "--out")
            {
                if (i + 1 >= args.Count)
                {
                    throw new UsageException($"{args[i]} needs a folder.\n{Usage}");
                }

                if (args[i] == "--data")
                {
                    data = args[++i];
                }
                else
                {
                    output = args[++i];
                }
            }
            else if (args[i].StartsWith("--", StringComparison.Ordinal) || positional.Count == 2)
            {
                throw new UsageException($"unexpected argument '{args[i]}'.\n{Usage}");
            }
            else
            {
                positional.Add(args[i]);
            }
        }

        if (positional.Count != 2)
        {
            throw new UsageException($"need the deployment model and the MC-dropout model.\n{Usage}");
        }

        var model = Path.GetFullPath(positional[0]);
        return (model, Path.GetFullPath(positional[1]), Path.GetFullPath(data),
            Path.GetFullPath(output ?? Path.GetDirectoryName(model)!));
    }
}
