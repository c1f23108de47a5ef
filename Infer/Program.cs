using Harness.Core;
using Harness.Infer.Checks;
using Harness.Infer.Uncertainty;

// Stages that run exported models: `check` (the eval-mode gate) and `uncertainty` (MC dropout).
// Usage: Harness.Infer <check|uncertainty> [args] [--Section:Key=value ...]
var stage = args.Length > 0 ? args[0] : "";
var rest = args.Skip(1).ToArray();
return stage switch
{
    "check" => StageRunner.Run("check", rest, CheckCommand.Run),
    "uncertainty" => StageRunner.Run("uncertainty", rest, UncertaintyStage.Run),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine(CheckCommand.Usage);
    Console.Error.WriteLine(UncertaintyCommand.Usage);
    return ExitCodes.UsageError;
}
