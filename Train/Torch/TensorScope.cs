namespace Harness.Train.Torch;

/// <summary>
/// Disposes every tensor created on this thread while it is the innermost open scope: one scope around a
/// training step frees all of the step's temporaries deterministically. A tensor that must outlive the scope
/// is moved out with <see cref="Tensor.MoveToOuterScope"/> or <see cref="Tensor.DetachFromScope"/>.
/// </summary>
public sealed class TensorScope : IDisposable
{
    [ThreadStatic]
    private static TensorScope? _current;

    private readonly TensorScope? _outer;
    private readonly List<Tensor> _owned = new();
    private bool _disposed;

    private TensorScope(TensorScope? outer) => _outer = outer;

    /// <summary>The innermost open scope on this thread, or null.</summary>
    internal static TensorScope? Current => _current;

    /// <summary>Opens a scope nested in the current one.</summary>
    public static TensorScope Begin()
    {
        var scope = new TensorScope(_current);
        _current = scope;
        return scope;
    }

    /// <summary>Number of tensors this scope will dispose.</summary>
    public int Count => _owned.Count;

    internal TensorScope? Outer => _outer;

    internal void Add(Tensor tensor) => _owned.Add(tensor);

    internal void Remove(Tensor tensor) => _owned.Remove(tensor);

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        foreach (var tensor in _owned)
        {
            tensor.ReleaseFromScope();
        }

        _owned.Clear();
        if (_current == this)
        {
            _current = _outer;
        }
    }
}
