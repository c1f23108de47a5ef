using Harness.Core;
using Harness.Train.Torch;

namespace Harness.Train.Optim;

/// <summary>
/// Base of the optimizers: parameter groups, learning rate, gradient clearing, and per-parameter state tensors
/// (moments, momentum buffers) that can be enumerated by name and loaded back for checkpoint resume.
/// </summary>
public abstract class Optimizer : IDisposable
{
    private readonly Dictionary<Tensor, Tensor[]> _state = new(ReferenceEqualityComparer.Instance);
    private readonly List<(Tensor Parameter, string Name)> _named = new();

    protected Optimizer(IReadOnlyList<ParameterGroup> groups, double learningRate)
    {
        ArgumentNullException.ThrowIfNull(groups);
        if (groups.Count == 0 || groups.All(g => g.Parameters.Count == 0))
        {
            throw new ArgumentException("The optimizer was given no parameters.", nameof(groups));
        }

        if (!(learningRate > 0) || double.IsInfinity(learningRate))
        {
            throw new ArgumentOutOfRangeException(nameof(learningRate), $"Learning rate {learningRate} must be a positive number.");
        }

        for (var g = 0; g < groups.Count; g++)
        {
            var group = groups[g];
            if (group.WeightDecay < 0 || !double.IsFinite(group.WeightDecay))
            {
                throw new ArgumentOutOfRangeException(nameof(groups),
                    $"Group '{group.Name}' has weight decay {group.WeightDecay}; it must be a finite number >= 0.");
            }

            if (group.ParameterNames is { } names && names.Count != group.Parameters.Count)
            {
                throw new ArgumentException(
                    $"Group '{group.Name}' has {group.Parameters.Count} parameters but {names.Count} names.", nameof(groups));
            }

            for (var i = 0; i < group.Parameters.Count; i++)
            {
                _named.Add((group.Parameters[i], group.ParameterNames?[i] ?? $"group{g}.{i}"));
            }
        }

        var duplicate = _named.GroupBy(n => n.Name).FirstOrDefault(n => n.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Parameter name '{duplicate.Key}' appears more than once.", nameof(groups));
        }

        if (_named.Select(n => n.Parameter).Distinct(ReferenceEqualityComparer.Instance).Count() != _named.Count)
        {
            throw new ArgumentException("A parameter appears in more than one place of the groups.", nameof(groups));
        }

        Groups = groups;
        LearningRate = learningRate;
    }

    public IReadOnlyList<ParameterGroup> Groups { get; }

    /// <summary>The current learning rate (schedules set it before each step).</summary>
    public double LearningRate { get; set; }

    /// <summary>Number of steps taken (restored by <see cref="LoadState"/>).</summary>
    public long StepCount { get; protected set; }

    /// <summary>Prefix of this optimizer's state names ("adamw", "adam", "sgd").</summary>
    public abstract string StatePrefix { get; }

    /// <summary>Names of the per-parameter state slots ("exp_avg", "exp_avg_sq"; "momentum_buffer").</summary>
    protected abstract IReadOnlyList<string> StateSlots { get; }

    /// <summary>Applies one update from the parameters' accumulated gradients (under no-grad).</summary>
    public void Step()
    {
        using var noGrad = Torch.Torch.NoGrad();
        StepCount++;
        foreach (var group in Groups)
        {
            foreach (var parameter in group.Parameters)
            {
                using var grad = parameter.Grad();
                if (grad is not null)
                {
                    Update(parameter, grad, group);
                }
            }
        }
    }

    /// <summary>Drops every parameter's gradient.</summary>
    public void ClearGrad()
    {
        foreach (var group in Groups)
        {
            foreach (var parameter in group.Parameters)
            {
                parameter.ClearGrad();
            }
        }
    }

    /// <summary>
    /// The state tensors that exist so far, named "{prefix}.{slot}.{parameter}" (e.g. "adamw.exp_avg.0.weight").
    /// The tensors are the optimizer's own (not copies): save them, do not dispose them. With
    /// <see cref="StepCount"/> they are everything a resumed run needs.
    /// </summary>
    public IEnumerable<(string Name, Tensor Tensor)> NamedState()
    {
        foreach (var (parameter, name) in _named)
        {
            if (_state.TryGetValue(parameter, out var slots))
            {
                for (var s = 0; s < slots.Length; s++)
                {
                    yield return (StateName(StateSlots[s], name), slots[s]);
                }
            }
        }
    }

    /// <summary>
    /// Restores what <see cref="NamedState"/> and <see cref="StepCount"/> exported: every parameter's slots are
    /// either all present (copied in, converted to the parameter's device) or all absent (no state yet). Unknown
    /// names, wrong shapes and partial slot sets are all listed in one error; nothing is changed then.
    /// </summary>
    public void LoadState(long stepCount, IEnumerable<(string Name, Tensor Tensor)> state)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(stepCount);
        ArgumentNullException.ThrowIfNull(state);
        var given = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var (name, tensor) in state)
        {
            if (!given.TryAdd(name, tensor))
            {
                problems.Add($"'{name}' given twice");
            }
        }

        var plan = new List<(Tensor Parameter, Tensor[] Sources)>();
        var known = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (parameter, name) in _named)
        {
            var sources = new Tensor[StateSlots.Count];
            var found = 0;
            for (var s = 0; s < StateSlots.Count; s++)
            {
                var key = StateName(StateSlots[s], name);
                known.Add(key);
                if (given.TryGetValue(key, out var source))
                {
                    found++;
                    sources[s] = source;
                    if (!source.Shape.SequenceEqual(parameter.Shape))
                    {
                        problems.Add($"'{key}' has shape [{string.Join(", ", source.Shape)}] but the parameter has " +
                                     $"[{string.Join(", ", parameter.Shape)}]");
                    }
                }
            }

            if (found > 0 && found < StateSlots.Count)
            {
                problems.Add($"parameter '{name}' has only {found} of its {StateSlots.Count} state tensors " +
                             $"({string.Join(", ", StateSlots)})");
            }
            else if (found > 0)
            {
                plan.Add((parameter, sources));
            }
        }

        problems.AddRange(given.Keys.Where(k => !known.Contains(k)).Select(k => $"unexpected '{k}'"));
        if (problems.Count > 0)
        {
            throw new UsageException($"The {StatePrefix} optimizer state does not fit the parameters: {string.Join("; ", problems)}");
        }

        using var noGrad = Torch.Torch.NoGrad();
        foreach (var (parameter, sources) in plan)
        {
            var slots = GetOrCreateState(parameter);
            for (var s = 0; s < slots.Length; s++)
            {
                slots[s].CopyFrom(sources[s]);
            }
        }

        StepCount = stepCount;
    }

    /// <summary>Updates one parameter in place from its gradient.</summary>
    protected abstract void Update(Tensor parameter, Tensor grad, ParameterGroup group);

    /// <summary>The parameter's state slots, or null before its first update.</summary>
    protected Tensor[]? GetState(Tensor parameter) => _state.GetValueOrDefault(parameter);

    /// <summary>The parameter's state slots, created as zeros (float32, on its device) on first use.</summary>
    protected Tensor[] GetOrCreateState(Tensor parameter)
    {
        if (!_state.TryGetValue(parameter, out var slots))
        {
            var shape = parameter.Shape;
            var device = parameter.Device;
            slots = new Tensor[StateSlots.Count];
            for (var s = 0; s < slots.Length; s++)
            {
                slots[s] = Tensor.Zeros(shape, parameter.DType, device).DetachFromScope();
            }

            _state[parameter] = slots;
        }

        return slots;
    }

    public virtual void Dispose()
    {
        foreach (var slots in _state.Values)
        {
            foreach (var t in slots)
            {
                t.Dispose();
            }
        }

        _state.Clear();
        GC.SuppressFinalize(this);
    }

    private string StateName(string slot, string parameter) => $"{StatePrefix}.{slot}.{parameter}";
}
