using Harness.Train.Configuration;
using Harness.Train.Modules;

namespace Harness.Train.Optim;

/// <summary>Builds the configured optimizer over a module's decay / no-decay groups.</summary>
public static class OptimizerFactory
{
    /// <summary>
    /// Splits <paramref name="model"/>'s parameters by <see cref="OptimizerOptions.NoDecaySuffixes"/> (or decays all
    /// when <see cref="OptimizerOptions.DecayNormAndBias"/>) and creates the optimizer named by
    /// <see cref="OptimizerOptions.Kind"/>. The split is returned for the run log.
    /// </summary>
    public static (Optimizer Optimizer, ParameterSplit Split) Create(OptimizerOptions options, Module model)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(model);
        var rule = options.DecayNormAndBias ? NoDecayRule.None : new NoDecayRule(options.NoDecaySuffixes);
        var split = ParameterGroups.Split(model, options.WeightDecay, rule);
        Optimizer optimizer = options.Kind.ToLowerInvariant() switch
        {
            "adamw" => new AdamW(split.Groups, options.LearningRate, options.Beta1, options.Beta2, options.Eps),
            "adam" => new Adam(split.Groups, options.LearningRate, options.Beta1, options.Beta2, options.Eps),
            "sgd" => new Sgd(split.Groups, options.LearningRate, options.Momentum, options.Nesterov),
            _ => throw new ArgumentException($"Optimizer:Kind = '{options.Kind}': must be one of adamw, adam, sgd.", nameof(options)),
        };
        return (optimizer, split);
    }
}
