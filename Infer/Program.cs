using Harness.Core;
using Harness.Infer.Checks;
using Harness.Infer.Play;
using Harness.Infer.Uncertainty;

// Stages that run exported models: `check` (the eval-mode gate), `uncertainty` (MC dropout) and `play` (a policy
// in the Sim loop).
// Usage: Harness.Infer <check|uncertainty|play> [args] [--Section:Key=value ...]
var stage = args.Length > 0 ? args[0] : "";
var rest = args.Skip(1).ToArray();
return stage switch
{
    "check" => StageRunner.Run("check", rest, CheckCommand.Run),
    "uncertainty" => StageRunner.Run("uncertainty", rest, UncertaintyStage.Run),
    "play" => StageRunner.Run("play", rest, PlayStage.Run),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine(CheckCommand.Usage);
    Console.Error.WriteLine(UncertaintyCommand.Usage);
    Console.Error.WriteLine(PlayStage.Usage);
    return ExitCodes.UsageError;
}
