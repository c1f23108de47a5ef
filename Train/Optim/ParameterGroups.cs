using Harness.Train.Modules;

namespace Harness.Train.Optim;

/// <summary>Builds the decay / no-decay parameter groups of a module.</summary>
public static class ParameterGroups
{
    /// <summary>
    /// Splits <paramref name="module"/>'s parameters into a "decay" group (weight decay
    /// <paramref name="weightDecay"/>) and a "no_decay" group (0) by <paramref name="noDecayRule"/>
    /// (<see cref="NoDecayRule.Default"/> when null). Empty groups are left out; groups carry parameter names.
    /// </summary>
    public static ParameterSplit Split(Module module, double weightDecay, NoDecayRule? noDecayRule = null)
    {
        ArgumentNullException.ThrowIfNull(module);
        if (weightDecay < 0 || !double.IsFinite(weightDecay))
        {
            throw new ArgumentOutOfRangeException(nameof(weightDecay), $"Weight decay {weightDecay} must be a finite number >= 0.");
        }

        var rule = noDecayRule ?? NoDecayRule.Default;
        var decay = new List<(string Name, Torch.Tensor Tensor)>();
        var noDecay = new List<(string Name, Torch.Tensor Tensor)>();
        foreach (var (name, parameter) in module.NamedParameters())
        {
            (rule.Excludes(name, parameter) ? noDecay : decay).Add((name, parameter));
        }

        if (decay.Count + noDecay.Count == 0)
        {
            throw new ArgumentException("The module has no parameters.", nameof(module));
        }

        var groups = new List<ParameterGroup>();
        if (decay.Count > 0)
        {
            groups.Add(new ParameterGroup(decay.Select(p => p.Tensor).ToList(), weightDecay, "decay",
                decay.Select(p => p.Name).ToList()));
        }

        if (noDecay.Count > 0)
        {
            groups.Add(new ParameterGroup(noDecay.Select(p => p.Tensor).ToList(), 0, "no_decay",
                noDecay.Select(p => p.Name).ToList()));
        }

        return new ParameterSplit(groups, decay.Select(p => p.Name).ToList(), noDecay.Select(p => p.Name).ToList());
    }
}

/// <summary>The result of <see cref="ParameterGroups.Split"/>.</summary>
/// <param name="Groups">The groups to give the optimizer ("decay" first, then "no_decay"; empty ones left out).</param>
/// <param name="Decayed">Names of the decayed parameters (for the run log).</param>
/// <param name="NotDecayed">Names of the parameters kept out of decay.</param>
public sealed record ParameterSplit(IReadOnlyList<ParameterGroup> Groups, IReadOnlyList<string> Decayed,
    IReadOnlyList<string> NotDecayed);
