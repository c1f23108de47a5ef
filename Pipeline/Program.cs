using Harness.Core;
using Harness.Pipeline.Demo;
using Harness.Pipeline.Stages;

// Stages that span several projects: `demo` (the main job) and `export` (needs Train, Export and Infer).
// Usage: Harness.Pipeline <demo|export> [args] [--Section:Key=value ...]
var stage = args.Length > 0 ? args[0] : "";
var rest = args.Skip(1).ToArray();
return stage switch
{
    "demo" => StageRunner.Run("demo", rest, (configuration, _) => SkeletonDemo.Run(configuration), defaultProfile: "skeleton"),
    "export" => StageRunner.Run("export", rest, ExportStage.Run),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Harness.Pipeline <demo|export [RUN_FOLDER]> [--Section:Key=value ...]");
    return ExitCodes.UsageError;
}
