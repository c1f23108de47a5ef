using Harness.Core;
using Harness.Train;

// Stage `train`: trains the configured model into runs/<Run:Name>/ (see TrainStage).
return StageRunner.Run("train", args, (configuration, _) => TrainStage.Run(configuration));
