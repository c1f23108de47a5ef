namespace Harness.Train.Ablation;

/// <summary>One row of the ablation: a name and the settings it changes relative to the unregularized base.</summary>
public sealed record AblationVariant(string Name, string Description, IReadOnlyDictionary<string, string?> Overrides);

/// <summary>
/// The variants: the same model, data and budget; "none" switches every regularizer off, each "+X" switches one
/// back on (with the recipe's value, or the value the row names), "full-stack" switches every row on at once.
/// </summary>
public static class AblationVariants
{
    /// <summary>Every regularizer off: the base of each "+X" row.</summary>
    public static readonly IReadOnlyDictionary<string, string?> None = new Dictionary<string, string?>
    {
        ["Optimizer:WeightDecay"] = "0",
        ["Model:Dropout"] = "0",
        ["Model:Dropout2d"] = "0",
        ["Model:DropConnect"] = "0",
        ["Model:StochasticDepth"] = "0",
        ["Model:Norm"] = "none",
        ["Augment:Enabled"] = "false",
        ["Regularization:LabelSmoothing"] = "0",
        ["Regularization:EmaDecay"] = "0",
        ["Regularization:EarlyStoppingPatience"] = "0",
        ["Regularization:ClipGradNorm"] = "0",
        ["Regularization:L1"] = "0",
        ["Regularization:L2"] = "0",
        ["Mix:MixupAlpha"] = "0",
        ["Mix:CutmixAlpha"] = "0",
    };

    /// <summary>Values the "+X" rows set explicitly (where the recipe's own value is not used); the full stack sets them too.</summary>
    private static readonly (string Key, string? Value)[] DropoutRow = [("Model:Dropout", "0.3"), ("Model:Dropout2d", "0.1")];

    private static readonly (string Key, string? Value)[] MixRow =
        [("Mix:MixupAlpha", "0.2"), ("Mix:CutmixAlpha", null), ("Mix:Prob", "0.5")];

    public static readonly IReadOnlyList<AblationVariant> All =
    [
        new("none", "no regularization", None),
        Plus("weight-decay", "+ weight decay (AdamW, decoupled, 0.05)", ("Optimizer:WeightDecay", null)),
        Plus("dropout", "+ dropout (0.3 before the head, Dropout2d 0.1 per stage)", DropoutRow),
        Plus("batchnorm", "+ BatchNorm", ("Model:Norm", null)),
        Plus("augmentation", "+ augmentation (crop, erasing)", ("Augment:Enabled", null)),
        Plus("label-smoothing", "+ label smoothing (0.1)", ("Regularization:LabelSmoothing", null)),
        Plus("mixup-cutmix", "+ mixup/cutmix (on half the batches)", MixRow),
        Plus("early-stopping", "+ early stopping (restore best)", ("Regularization:EarlyStoppingPatience", null)),
        new("full-stack", "full stack (every row above at once, with the recipe's EMA and clipping)",
            Explicit(DropoutRow.Concat(MixRow))),
    ];

    /// <summary>The rows each regime runs by default.</summary>
    public static IReadOnlyList<string> DefaultFor(string regime) =>
        regime == "full" ? ["none", "full-stack"] : All.Select(v => v.Name).ToList();

    /// <summary>The explicitly valued keys of some rows (the recipe supplies every other value).</summary>
    private static Dictionary<string, string?> Explicit(IEnumerable<(string Key, string? Value)> keys) =>
        keys.Where(k => k.Value is not null).ToDictionary(k => k.Key, k => k.Value);

    /// <summary>
    /// "none" plus the given keys; a null value means "the recipe's value", i.e. the key is left out of the
    /// overrides so the base configuration's value applies.
    /// </summary>
    private static AblationVariant Plus(string name, string description, params (string Key, string? Value)[] keys)
    {
        var overrides = new Dictionary<string, string?>(None);
        foreach (var (key, value) in keys)
        {
            if (value is null)
            {
                overrides.Remove(key);
            }
            else
            {
                overrides[key] = value;
            }
        }

        return new AblationVariant(name, description, overrides);
    }
}
