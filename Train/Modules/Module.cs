using Harness.Train.Torch;

namespace Harness.Train.Modules;

/// <summary>
/// A layer or a network. A module owns its parameters (trainable leaves), its buffers (state such as BatchNorm's
/// running statistics) and its child modules; <see cref="Train"/> and <see cref="Eval"/> reach every descendant.
/// Names follow PyTorch's state_dict convention ("0.weight", "block.bn.running_mean").
/// </summary>
public abstract class Module : IDisposable
{
    private readonly List<(string Name, Module Module)> _children = new();
    private readonly List<(string Name, Tensor Tensor)> _parameters = new();
    private readonly List<(string Name, Tensor Tensor)> _buffers = new();
    private bool _disposed;

    /// <summary>True in training mode (the default), false in evaluation mode.</summary>
    public bool IsTraining { get; private set; } = true;

    /// <summary>Computes the module's output.</summary>
    public abstract Tensor Forward(Tensor input);

    /// <summary>Puts this module and every descendant in training (true) or evaluation (false) mode.</summary>
    public Module Train(bool training = true)
    {
        IsTraining = training;
        foreach (var (_, child) in _children)
        {
            child.Train(training);
        }

        return this;
    }

    /// <summary>Puts this module and every descendant in evaluation mode.</summary>
    public Module Eval() => Train(false);

    /// <summary>Direct children with their names.</summary>
    public IReadOnlyList<(string Name, Module Module)> Children => _children;

    /// <summary>This module and all its descendants, depth first, with dotted names ("" for this one).</summary>
    public IEnumerable<(string Name, Module Module)> NamedModules(string prefix = "")
    {
        yield return (prefix, this);
        foreach (var (name, child) in _children)
        {
            foreach (var entry in child.NamedModules(Join(prefix, name)))
            {
                yield return entry;
            }
        }
    }

    /// <summary>Every trainable parameter, with dotted names.</summary>
    public IEnumerable<(string Name, Tensor Tensor)> NamedParameters() => Collect(m => m._parameters);

    /// <summary>Every buffer (non-trainable state), with dotted names.</summary>
    public IEnumerable<(string Name, Tensor Tensor)> NamedBuffers() => Collect(m => m._buffers);

    /// <summary>Parameters and buffers: everything a checkpoint must hold (PyTorch's state_dict).</summary>
    public IEnumerable<(string Name, Tensor Tensor)> NamedState() => NamedParameters().Concat(NamedBuffers());

    public IEnumerable<Tensor> Parameters() => NamedParameters().Select(p => p.Tensor);

    /// <summary>Total number of trainable scalars.</summary>
    public long ParameterCount => Parameters().Sum(p => p.NumEl);

    /// <summary>Moves every parameter and buffer to a device in place (references held elsewhere stay valid).</summary>
    public void To(Device device)
    {
        foreach (var (_, tensor) in NamedState())
        {
            tensor.MoveTo(device);
        }
    }

    /// <summary>Drops every parameter's gradient.</summary>
    public void ClearGrad()
    {
        foreach (var p in Parameters())
        {
            p.ClearGrad();
        }
    }

    /// <summary>Registers a child; its name becomes a prefix of its state's names.</summary>
    protected T RegisterModule<T>(string name, T module) where T : Module
    {
        _children.Add((name, module));
        return module;
    }

    /// <summary>Registers a trainable leaf; the module owns it from now on.</summary>
    protected Tensor RegisterParameter(string name, Tensor tensor)
    {
        tensor.DetachFromScope();
        tensor.RequiresGrad = true;
        _parameters.Add((name, tensor));
        return tensor;
    }

    /// <summary>Registers non-trainable state; the module owns it from now on.</summary>
    protected Tensor RegisterBuffer(string name, Tensor tensor)
    {
        tensor.DetachFromScope();
        _buffers.Add((name, tensor));
        return tensor;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        foreach (var (_, t) in _parameters.Concat(_buffers))
        {
            t.Dispose();
        }

        foreach (var (_, child) in _children)
        {
            child.Dispose();
        }

        GC.SuppressFinalize(this);
    }

    private IEnumerable<(string Name, Tensor Tensor)> Collect(Func<Module, List<(string, Tensor)>> select)
    {
        foreach (var (prefix, module) in NamedModules())
        {
            foreach (var (name, tensor) in select(module))
            {
                yield return (Join(prefix, name), tensor);
            }
        }
    }

    private static string Join(string prefix, string name) => prefix.Length == 0 ? name : prefix + "." + name;
}
