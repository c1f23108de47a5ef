using Harness.Core;
using Harness.Train;
using Harness.Train.Ablation;

// Stage `train` (trains the configured model into runs/<Run:Name>/) and `train ablation` (the regularization table).
if (args.Length > 0 && args[0] == "ablation")
{
    return StageRunner.Run("ablation", args[1..], (configuration, _) => AblationStage.Run(configuration));
}

return StageRunner.Run("train", args, (configuration, _) => TrainStage.Run(configuration));
