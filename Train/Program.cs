using Harness.Core;
using Harness.Core.Configuration;
using Harness.Core.Runs;
using Harness.Train.Configuration;
using Harness.Train.Training;

// Stage `train`: trains the configured model into runs/<Run:Name>/.
return StageRunner.Run("train", args, (configuration, _) =>
{
    var binder = new OptionsBinder(configuration);
    var run = binder.Bind<RunOptions>("Run");
    var data = binder.Bind<DataOptions>("Data");
    var train = binder.Bind<TrainOptions>("Train");
    binder.ThrowIfInvalid();

    var folder = new RunFolder(run.Folder);
    folder.WriteConfig(configuration);
    using var result = TrainJob.Run(train, data, run, folder, Console.Out).Model;
    Console.WriteLine($"run folder: {folder.Path}");
    return ExitCodes.Success;
});
