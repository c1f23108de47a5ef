using Harness.Core;
using Harness.Infer.Checks;

// Stages that run exported models: `check` (the eval-mode gate). Usage: Harness.Infer <stage> [args]
var stage = args.Length > 0 ? args[0] : "";
var rest = args.Skip(1).ToArray();
return stage switch
{
    "check" => StageRunner.Run("check", rest, CheckCommand.Run),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine(CheckCommand.Usage);
    return ExitCodes.UsageError;
}
