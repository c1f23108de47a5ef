using Harness.Core;
using Harness.Pipeline.Demo;

// Stages that span the whole pipeline: `demo` (the main job). Usage: Harness.Pipeline demo [--Section:Key=value ...]
var stage = args.Length > 0 ? args[0] : "";
var rest = args.Skip(1).ToArray();
return stage switch
{
    "demo" => StageRunner.Run("demo", rest, (configuration, _) => SkeletonDemo.Run(configuration), defaultProfile: "skeleton"),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Harness.Pipeline demo [--Section:Key=value ...]");
    return ExitCodes.UsageError;
}
