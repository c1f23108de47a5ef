using System.Globalization;

namespace Harness.Train.Configuration;

/// <summary>A one-line description of a training recipe, written into exported models' metadata.</summary>
public static class RecipeSummary
{
    public static string Describe(TrainingSettings s)
    {
        var m = s.Model;
        var r = s.Regularization;
        var parts = new List<string>
        {
            $"{m.Kind} {(m.Kind == "mlp" ? string.Join("-", m.Hidden) : string.Join("-", m.Channels))} norm {m.Norm}",
            $"dropout {m.Dropout}",
            $"{s.Optimizer.Kind} lr {s.Optimizer.LearningRate} wd {s.Optimizer.WeightDecay}",
            $"schedule {s.Schedule.Kind}",
            $"{s.Train.Epochs} epochs, batch {s.Train.BatchSize}",
            $"augmentation {(s.Augment.Enabled ? "on" : "off")}",
        };
        if (m.Dropout2d > 0) parts.Add($"dropout2d {m.Dropout2d}");
        if (m.StochasticDepth > 0) parts.Add($"stochastic depth {m.StochasticDepth}");
        if (r.LabelSmoothing > 0) parts.Add($"label smoothing {r.LabelSmoothing}");
        if (s.Mix.Enabled) parts.Add($"mixup {s.Mix.MixupAlpha} cutmix {s.Mix.CutmixAlpha} p {s.Mix.Prob}");
        if (r.EmaDecay > 0) parts.Add($"EMA {r.EmaDecay}");
        if (r.EarlyStoppingPatience > 0) parts.Add($"early stopping {r.EarlyStoppingPatience}");
        if (s.Distillation.Enabled) parts.Add($"distilled from {s.Distillation.Teacher}");
        return string.Join(", ", parts.Select(p => p.ToString(CultureInfo.InvariantCulture)));
    }
}
