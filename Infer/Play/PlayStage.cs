using Harness.Core;
using Harness.Core.Configuration;
using Harness.Core.Runs;
using Harness.Infer.Ort;
using Harness.Sim;
using Microsoft.Extensions.Configuration;

namespace Harness.Infer.Play;

/// <summary>
/// Stage <c>play [RUN_FOLDER]</c> (default runs/&lt;Run:Name&gt;): loads the folder's model.onnx (and model.mc.onnx
/// for the uncertainty-aware mode), plays Play:Episodes episodes per policy in distribution and under each
/// Play:Shifts condition, and writes play.json, play.md and the replays (.hsimrply + .gif) into the folder.
/// Settings: Play (<see cref="PlayOptions"/>), Sim (the in-distribution world), Infer (ORT session).
/// Exit 0, or 2 for unusable input.
/// </summary>
public static class PlayStage
{
    public const string Usage = "usage: play [RUN_FOLDER]   (model.onnx and model.mc.onnx from the export stage)";

    public static int Run(IConfiguration configuration, IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var binder = new OptionsBinder(configuration);
        var run = binder.Bind<RunOptions>("Run");
        var options = binder.Bind<PlayOptions>(PlayOptions.Section);
        var sim = binder.Bind<SimOptions>("Sim");
        var ort = binder.Bind<OrtSessionSettings>("Infer");
        binder.ThrowIfInvalid();
        if (args.Count > 1)
        {
            throw new UsageException(Usage);
        }

        if (!sim.IsInDistribution)
        {
            throw new UsageException(
                $"The Sim section is shifted ({PlayShift.Describe(sim)}): play compares in distribution with Play:Shifts; " +
                "leave the Sim knobs at their in-distribution values and choose shifts there.");
        }

        var folder = Path.GetFullPath(args.Count == 1 ? args[0] : run.Folder);
        var model = Path.Combine(folder, "model.onnx");
        if (!File.Exists(model))
        {
            throw new UsageException($"{model} does not exist: train a policy (--profile policy) and run the export stage first.");
        }

        var report = PlayRunner.Run(options, sim, model, Path.Combine(folder, "model.mc.onnx"), ort,
            options.Replay ? folder : null, message => Console.Error.WriteLine($"play: {message}"));
        RunFolder.WriteAtomically(Path.Combine(folder, PlayReportWriter.JsonFile), PlayReportWriter.ToJson(report));
        var markdown = PlayReportWriter.ToMarkdown(report);
        RunFolder.WriteAtomically(Path.Combine(folder, PlayReportWriter.MarkdownFile), markdown);
        Console.WriteLine(markdown);
        Console.WriteLine($"wrote {Path.Combine(folder, PlayReportWriter.JsonFile)} and {Path.Combine(folder, PlayReportWriter.MarkdownFile)}");
        return ExitCodes.Success;
    }
}
