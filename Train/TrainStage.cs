using Harness.Core;
using Harness.Core.Runs;
using Harness.Train.Configuration;
using Harness.Train.Training;
using Microsoft.Extensions.Configuration;

namespace Harness.Train;

/// <summary>
/// Stage <c>train</c>: trains the configured model into runs/&lt;Run:Name&gt;/, resuming an interrupted run.
/// Exit 0 done, 2 bad configuration or data, 130 interrupted (rerun the same command to resume).
/// </summary>
public static class TrainStage
{
    public static int Run(IConfigurationRoot configuration)
    {
        var settings = TrainingSettings.Bind(configuration);
        var folder = new RunFolder(settings.Run.Folder);
        using var logFile = new StreamWriter(folder.File(RunArtifacts.Log), append: true);
        using var log = new TeeWriter(Console.Out, logFile);
        using var interruption = new Interruption();
        try
        {
            using var model = TrainJob.Run(settings, configuration, folder, log, interruption.Token).Model;
        }
        catch (OperationCanceledException) when (interruption.Token.IsCancellationRequested)
        {
            log.WriteLine($"interrupted; {folder.File(RunArtifacts.Last)} holds the last completed epoch — rerun the same command to resume");
            return Interruption.ExitCode;
        }

        Console.WriteLine($"run folder: {folder.Path}");
        return ExitCodes.Success;
    }
}
