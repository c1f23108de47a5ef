using Harness.Train.Torch;

namespace Harness.Train.Optim;

/// <summary>
/// Which parameters are kept out of weight decay. The usual rule (and the default): every 1-D parameter (biases,
/// BatchNorm/LayerNorm weights and biases) and every name ending in one of <see cref="Suffixes"/> ("bias").
/// </summary>
public sealed class NoDecayRule
{
    /// <param name="suffixes">Name suffixes to exclude, matched after the last dot ("bias" matches "0.bias").</param>
    /// <param name="excludeOneDimensional">Whether every parameter with fewer than 2 dimensions is excluded.</param>
    public NoDecayRule(IEnumerable<string>? suffixes = null, bool excludeOneDimensional = true)
    {
        var list = (suffixes ?? ["bias"]).ToArray();
        if (list.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("No-decay suffixes must not be empty.", nameof(suffixes));
        }

        Suffixes = list;
        ExcludeOneDimensional = excludeOneDimensional;
    }

    /// <summary>The default: 1-D parameters and names ending in "bias".</summary>
    public static NoDecayRule Default { get; } = new();

    /// <summary>Decays everything (no exclusions).</summary>
    public static NoDecayRule None { get; } = new([], excludeOneDimensional: false);

    public IReadOnlyList<string> Suffixes { get; }

    public bool ExcludeOneDimensional { get; }

    /// <summary>True when the parameter named <paramref name="name"/> must not be decayed.</summary>
    public bool Excludes(string name, Tensor parameter)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(parameter);
        if (ExcludeOneDimensional && parameter.Dim < 2)
        {
            return true;
        }

        var last = name[(name.LastIndexOf('.') + 1)..];
        return Suffixes.Any(s => last.EndsWith(s, StringComparison.Ordinal));
    }
}
