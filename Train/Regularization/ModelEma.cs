using Harness.Train.Modules;
using Harness.Train.Torch;

namespace Harness.Train.Regularization;

/// <summary>
/// Exponential moving average of a model's weights (Polyak averaging; timm's ModelEmaV2). Holds its own copy of
/// every parameter and buffer. Update number t (0-based count of earlier updates) uses decay
/// d_t = min(decay, (1 + t) / (10 + t)) when warm-up is on (TensorFlow's ExponentialMovingAverage with
/// num_updates; the average is not dragged towards the random initialization early on) and d_t = decay
/// otherwise; then ema ← d_t·ema + (1 − d_t)·θ for every floating-point parameter and buffer (BatchNorm's
/// running statistics are averaged too), while integer buffers (num_batches_tracked) are copied.
/// </summary>
public sealed class ModelEma : IDisposable
{
    private readonly List<(string Name, Tensor Average)> _state = new();

    /// <param name="model">The model to follow; the average starts as a copy of its current state.</param>
    /// <param name="decay">The asymptotic decay, in [0, 1) (0.999 to 0.9999 are usual).</param>
    /// <param name="warmup">Whether to use d_t = min(decay, (1 + t) / (10 + t)).</param>
    public ModelEma(Module model, double decay, bool warmup = true)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (decay is < 0 or >= 1 || double.IsNaN(decay))
        {
            throw new ArgumentOutOfRangeException(nameof(decay), $"EMA decay = {decay}: must be at least 0 and below 1.");
        }

        Decay = decay;
        Warmup = warmup;
        using var noGrad = Torch.Torch.NoGrad();
        foreach (var (name, tensor) in model.NamedState())
        {
            _state.Add((name, tensor.Clone().DetachFromScope()));
        }
    }

    public double Decay { get; }

    public bool Warmup { get; }

    /// <summary>Number of updates applied so far.</summary>
    public long Updates { get; private set; }

    /// <summary>The averaged parameters and buffers, named as the model's state (owned by this object).</summary>
    public IReadOnlyList<(string Name, Tensor Tensor)> NamedState => _state;

    /// <summary>The decay d_t that update number <paramref name="t"/> (0-based) uses.</summary>
    public double DecayAt(long t)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(t);
        return Warmup ? Math.Min(Decay, (1.0 + t) / (10.0 + t)) : Decay;
    }

    /// <summary>Folds the model's current state into the average (call after each optimizer step).</summary>
    public void Update(Module model)
    {
        var current = Matching(model);
        var d = DecayAt(Updates);
        using var noGrad = Torch.Torch.NoGrad();
        for (var i = 0; i < _state.Count; i++)
        {
            var average = _state[i].Average;
            if (average.DType is DType.Float32 or DType.Float64)
            {
                average.MulInPlace(d).AddInPlace(current[i], 1 - d);
            }
            else
            {
                average.CopyFrom(current[i]);
            }
        }

        Updates++;
    }

    /// <summary>Copies the averaged state into <paramref name="target"/> (same architecture), e.g. for evaluation or export.</summary>
    public void CopyTo(Module target)
    {
        var destination = Matching(target);
        using var noGrad = Torch.Torch.NoGrad();
        for (var i = 0; i < _state.Count; i++)
        {
            destination[i].CopyFrom(_state[i].Average);
        }
    }

    /// <summary>
    /// Restores a saved average (checkpoint resume): copies every tensor of <paramref name="state"/> into the entry
    /// of the same name and sets the update count, so the decay schedule continues where it stopped.
    /// </summary>
    public void Restore(long updates, IReadOnlyDictionary<string, Tensor> state)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(updates);
        var missing = _state.Where(s => !state.ContainsKey(s.Name)).Select(s => s.Name).ToList();
        if (missing.Count > 0)
        {
            throw new ArgumentException($"The saved EMA state lacks {string.Join(", ", missing)}.", nameof(state));
        }

        using var noGrad = Torch.Torch.NoGrad();
        foreach (var (name, average) in _state)
        {
            average.CopyFrom(state[name]);
        }

        Updates = updates;
    }

    public void Dispose()
    {
        foreach (var (_, t) in _state)
        {
            t.Dispose();
        }

        _state.Clear();
    }

    private List<Tensor> Matching(Module model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var state = model.NamedState().ToList();
        if (state.Count != _state.Count || state.Zip(_state).Any(p => p.First.Name != p.Second.Name))
        {
            throw new ArgumentException(
                $"The module's state ({string.Join(", ", state.Select(s => s.Name))}) does not match the average's " +
                $"({string.Join(", ", _state.Select(s => s.Name))}).", nameof(model));
        }

        return state.Select(s => s.Tensor).ToList();
    }
}
