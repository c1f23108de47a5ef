using Harness.Train.Modules;
using Harness.Train.Torch;

namespace Harness.Train.Regularization;

/// <summary>Whether a smaller or a larger monitored value is better.</summary>
public enum EarlyStoppingMode
{
    /// <summary>Smaller is better (validation loss).</summary>
    Min,

    /// <summary>Larger is better (validation accuracy).</summary>
    Max,
}

/// <summary>
/// Early stopping on a monitored validation value (Keras semantics). A value improves when it beats the best so
/// far by more than <see cref="MinDelta"/> (value &lt; best − min_delta in <see cref="EarlyStoppingMode.Min"/>);
/// after <see cref="Patience"/> consecutive observations without improvement training should stop. With
/// restore-best on, the model state at the best observation is kept in memory (a copy of every parameter and
/// buffer on their device) and <see cref="RestoreBest"/> writes it back.
/// </summary>
public sealed class EarlyStopping : IDisposable
{
    private List<(string Name, Tensor Tensor)>? _best;

    public EarlyStopping(int patience, double minDelta = 0, EarlyStoppingMode mode = EarlyStoppingMode.Min,
        bool restoreBestWeights = true)
    {
        if (patience < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(patience), $"Early-stopping patience = {patience}: must be at least 1.");
        }

        if (minDelta < 0 || !double.IsFinite(minDelta))
        {
            throw new ArgumentOutOfRangeException(nameof(minDelta), $"Early-stopping min_delta = {minDelta}: must be a finite number >= 0.");
        }

        Patience = patience;
        MinDelta = minDelta;
        Mode = mode;
        RestoreBestWeights = restoreBestWeights;
    }

    public int Patience { get; }

    public double MinDelta { get; }

    public EarlyStoppingMode Mode { get; }

    public bool RestoreBestWeights { get; }

    /// <summary>The best value observed (NaN before the first observation).</summary>
    public double BestValue { get; private set; } = double.NaN;

    /// <summary>0-based index of the observation that gave <see cref="BestValue"/> (−1 before the first).</summary>
    public int BestIndex { get; private set; } = -1;

    /// <summary>Observations since the last improvement.</summary>
    public int BadCount { get; private set; }

    /// <summary>Observations so far.</summary>
    public int Count { get; private set; }

    /// <summary>True once patience has run out.</summary>
    public bool ShouldStop => BadCount >= Patience;

    /// <summary>
    /// Records one validation value (NaN never improves); on improvement snapshots <paramref name="model"/>'s state
    /// when restoring is on. Returns <see cref="ShouldStop"/>.
    /// </summary>
    public bool Observe(double value, Module? model = null)
    {
        if (RestoreBestWeights && model is null)
        {
            throw new ArgumentNullException(nameof(model), "Early stopping with restore-best needs the model at each observation.");
        }

        var improved = !double.IsNaN(value) && (BestIndex < 0 ||
            (Mode == EarlyStoppingMode.Min ? value < BestValue - MinDelta : value > BestValue + MinDelta));
        if (improved)
        {
            BestValue = value;
            BestIndex = Count;
            BadCount = 0;
            if (RestoreBestWeights)
            {
                Snapshot(model!);
            }
        }
        else
        {
            BadCount++;
        }

        Count++;
        return ShouldStop;
    }

    /// <summary>Writes the best snapshot back into <paramref name="model"/>; false when there is none.</summary>
    public bool RestoreBest(Module model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (_best is null)
        {
            return false;
        }

        var state = model.NamedState().ToList();
        if (state.Count != _best.Count || state.Zip(_best).Any(p => p.First.Name != p.Second.Name))
        {
            throw new ArgumentException("The module's state does not match the snapshot taken by early stopping.", nameof(model));
        }

        using var noGrad = Torch.Torch.NoGrad();
        foreach (var ((_, target), (_, saved)) in state.Zip(_best))
        {
            target.CopyFrom(saved);
        }

        return true;
    }

    public void Dispose() => Release();

    private void Snapshot(Module model)
    {
        using var noGrad = Torch.Torch.NoGrad();
        var copy = model.NamedState().Select(s => (s.Name, s.Tensor.Clone().DetachFromScope())).ToList();
        Release();
        _best = copy;
    }

    private void Release()
    {
        _best?.ForEach(s => s.Tensor.Dispose());
        _best = null;
    }
}
