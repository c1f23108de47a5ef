using Harness.Core;
using Harness.Core.Configuration;
using Harness.Core.Runs;
using Microsoft.Extensions.Configuration;

namespace Harness.Pipeline.Report;

/// <summary>
/// Stage <c>report [RUN_FOLDER] [--bench DIR] [--play DIR] [--out FILE]</c>: writes the run's self-contained HTML
/// page (default <c>RUN_FOLDER/report.html</c>; RUN_FOLDER defaults to runs/&lt;Run:Name&gt;, the bench DIR to
/// &lt;Run:Root&gt;/bench, the play DIR — the policy run whose play.json the page shows — to RUN_FOLDER) and prints
/// its path. Every section renders from whatever inputs exist and says which are
/// missing. Exit 0 written; 2 the run folder does not exist or the arguments are wrong.
/// </summary>
public static class ReportStage
{
    public const string Usage = "usage: report [RUN_FOLDER] [--bench DIR] [--play DIR] [--out FILE]";

    public const string FileName = "report.html";

    public static int Run(IConfigurationRoot configuration, IReadOnlyList<string> args)
    {
        var binder = new OptionsBinder(configuration);
        var run = binder.Bind<RunOptions>("Run");
        binder.ThrowIfInvalid();
        string? folder = null, bench = null, play = null, output = null;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--bench" or "--play" or "--out" when i + 1 >= args.Count:
                    throw new UsageException($"{args[i]} needs a path.\n{Usage}");
                case "--bench":
                    bench = args[++i];
                    break;
                case "--play":
                    play = args[++i];
                    break;
                case "--out":
                    output = args[++i];
                    break;
                case var a when a.StartsWith("--", StringComparison.Ordinal) || folder is not null:
                    throw new UsageException($"unexpected argument '{a}'.\n{Usage}");
                default:
                    folder = args[i];
                    break;
            }
        }

        folder = Path.GetFullPath(folder ?? run.Folder);
        if (!Directory.Exists(folder))
        {
            throw new UsageException($"run folder {folder} does not exist (train a run first, or pass RUN_FOLDER).\n{Usage}");
        }

        bench = Path.GetFullPath(bench ?? Path.Combine(RepoPaths.Root, run.Root, "bench"));
        output = Path.GetFullPath(output ?? Path.Combine(folder, FileName));
        var html = ReportPage.Build(new ReportContext(folder, bench, play), DateTimeOffset.UtcNow);
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        RunFolder.WriteAtomically(output, html);
        Console.WriteLine(output);
        return ExitCodes.Success;
    }
}
