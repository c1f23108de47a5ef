using Harness.Core;
using Harness.Pipeline.Demo;
using Harness.Pipeline.Report;
using Harness.Pipeline.Stages;

// Stages that span several projects: `demo` (the main job), `skeleton` (the walking skeleton), `export` (needs Train, Export and Infer) and `report`
// (the run's self-contained HTML page from every stage's outputs).
// Usage: Harness.Pipeline <demo|skeleton|export|report> [args] [--Section:Key=value ...]
var stage = args.Length > 0 ? args[0] : "";
var rest = args.Skip(1).ToArray();
return stage switch
{
    "demo" => StageRunner.Run("demo", rest, (configuration, _) => MainJob.Run(configuration), defaultProfile: "quick"),
    "skeleton" => StageRunner.Run("skeleton", rest, (configuration, _) => SkeletonDemo.Run(configuration), defaultProfile: "skeleton"),
    "export" => StageRunner.Run("export", rest, ExportStage.Run),
    "report" => StageRunner.Run("report", rest, ReportStage.Run),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Harness.Pipeline <demo|skeleton|export [RUN_FOLDER]|report [RUN_FOLDER] [--bench DIR] [--out FILE]> [--Section:Key=value ...]");
    return ExitCodes.UsageError;
}
