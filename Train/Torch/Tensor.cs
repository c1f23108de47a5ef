using Harness.Train.Torch.Native;

namespace Harness.Train.Torch;

/// <summary>
/// A libtorch tensor owned by managed code. Disposing it releases the native handle at once; tensors created
/// inside a <see cref="TensorScope"/> are disposed with the scope. The finalizer is only a safety net.
/// </summary>
public sealed partial class Tensor : IDisposable
{
    private IntPtr _handle;
    private TensorScope? _scope;

    internal Tensor(IntPtr handle)
    {
        _handle = NativeError.Check(handle);
        _scope = TensorScope.Current;
        _scope?.Add(this);
    }

    ~Tensor() => Free();

    /// <summary>The native handle; throws when the tensor was disposed.</summary>
    internal IntPtr Handle => _handle != IntPtr.Zero ? _handle : throw new ObjectDisposedException(nameof(Tensor));

    /// <summary>True once the tensor has been disposed.</summary>
    public bool IsDisposed => _handle == IntPtr.Zero;

    /// <summary>Number of native tensor handles alive in the process.</summary>
    public static long LiveCount => ErrorNative.hn_tensor_live_count();

    /// <summary>Moves this tensor from its scope to the enclosing one (or to no scope); returns it.</summary>
    public Tensor MoveToOuterScope()
    {
        if (_scope is not null)
        {
            var outer = _scope.Outer;
            _scope.Remove(this);
            _scope = outer;
            outer?.Add(this);
        }

        return this;
    }

    /// <summary>Takes this tensor out of every scope: the caller now owns it; returns it.</summary>
    public Tensor DetachFromScope()
    {
        _scope?.Remove(this);
        _scope = null;
        return this;
    }

    internal void ReleaseFromScope()
    {
        _scope = null;
        Dispose();
    }

    /// <summary>Replaces the native tensor this object stands for (used to move parameters between devices).</summary>
    internal void ReplaceHandle(IntPtr handle)
    {
        var fresh = NativeError.Check(handle);
        ErrorNative.hn_tensor_free(_handle);
        _handle = fresh;
    }

    public void Dispose()
    {
        _scope?.Remove(this);
        _scope = null;
        Free();
        GC.SuppressFinalize(this);
    }

    private void Free()
    {
        var handle = Interlocked.Exchange(ref _handle, IntPtr.Zero);
        if (handle != IntPtr.Zero)
        {
            ErrorNative.hn_tensor_free(handle);
        }
    }

    public override string ToString() =>
        IsDisposed ? "Tensor(disposed)" : $"Tensor([{string.Join(", ", Shape)}], {DType}, {Device})";
}
