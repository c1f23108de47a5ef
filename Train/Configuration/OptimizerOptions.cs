using Harness.Core.Configuration;

namespace Harness.Train.Configuration;

/// <summary>Section <c>Optimizer</c>: which optimizer, its hyper-parameters and which parameters are decayed.</summary>
public sealed class OptimizerOptions : IValidatedOptions
{
    /// <summary>adamw (decoupled decay) | adam (L2 in the gradient) | sgd.</summary>
    public string Kind { get; set; } = "adamw";

    public double LearningRate { get; set; } = 2e-3;

    /// <summary>Decoupled for adamw; added to the gradient (grad += λθ) for adam and sgd.</summary>
    public double WeightDecay { get; set; } = 0.05;

    /// <summary>Adam's β₁.</summary>
    public double Beta1 { get; set; } = 0.9;

    /// <summary>Adam's β₂.</summary>
    public double Beta2 { get; set; } = 0.999;

    /// <summary>Adam's ε.</summary>
    public double Eps { get; set; } = 1e-8;

    /// <summary>SGD momentum (0 = plain SGD).</summary>
    public double Momentum { get; set; } = 0.9;

    /// <summary>SGD Nesterov momentum (needs Momentum &gt; 0).</summary>
    public bool Nesterov { get; set; }

    /// <summary>Parameter-name suffixes kept out of weight decay (1-D parameters are always kept out).</summary>
    public string[] NoDecaySuffixes { get; set; } = ["bias"];

    /// <summary>True decays every parameter, norm weights and biases included (ignores NoDecaySuffixes).</summary>
    public bool DecayNormAndBias { get; set; }

    public IEnumerable<string> Validate()
    {
        var errors = new List<string>();
        errors.AddRange(Check.OneOf(nameof(Kind), Kind, "adamw", "adam", "sgd"));
        errors.AddRange(Check.Range(nameof(LearningRate), LearningRate, 1e-8, 10));
        errors.AddRange(Check.Range(nameof(WeightDecay), WeightDecay, 0, 1));
        errors.AddRange(Check.RangeExclusiveMax(nameof(Beta1), Beta1, 0, 1));
        errors.AddRange(Check.RangeExclusiveMax(nameof(Beta2), Beta2, 0, 1));
        errors.AddRange(Check.Range(nameof(Eps), Eps, 1e-12, 1));
        errors.AddRange(Check.RangeExclusiveMax(nameof(Momentum), Momentum, 0, 1));
        if (Nesterov && Momentum == 0)
        {
            errors.Add($"{nameof(Nesterov)} = true: needs {nameof(Momentum)} above 0 (Momentum = 0)");
        }

        if (NoDecaySuffixes.Any(string.IsNullOrWhiteSpace))
        {
            errors.Add($"{nameof(NoDecaySuffixes)} = [{string.Join(", ", NoDecaySuffixes)}]: entries must not be empty");
        }

        return errors;
    }
}
