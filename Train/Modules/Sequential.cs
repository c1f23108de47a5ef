using Harness.Train.Torch;

namespace Harness.Train.Modules;

/// <summary>
/// Applies its children in order; children are named "0", "1", … as in PyTorch, or given names (PyTorch's
/// Sequential(OrderedDict(…))).
/// </summary>
public sealed class Sequential : Module
{
    private readonly List<Module> _layers = new();

    /// <summary>Layers named by their index: "0", "1", ….</summary>
    public Sequential(params Module[] layers)
    {
        foreach (var layer in layers)
        {
            _layers.Add(RegisterModule(_layers.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), layer));
        }
    }

    /// <summary>Named layers, applied in the given order; names must be unique, non-empty and free of dots.</summary>
    public Sequential(IEnumerable<(string Name, Module Layer)> layers)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, layer) in layers)
        {
            if (string.IsNullOrEmpty(name) || name.Contains('.', StringComparison.Ordinal) || !seen.Add(name))
            {
                throw new ArgumentException($"Sequential layer name '{name}' is empty, contains a dot or is used twice.", nameof(layers));
            }

            _layers.Add(RegisterModule(name, layer));
        }
    }

    public IReadOnlyList<Module> Layers => _layers;

    /// <summary>
    /// Runs every layer; intermediate results are disposed as soon as the next layer has consumed them, so a
    /// forward pass outside a <see cref="TensorScope"/> leaks nothing either.
    /// </summary>
    public override Tensor Forward(Tensor input)
    {
        var x = input;
        foreach (var layer in _layers)
        {
            var next = layer.Forward(x);
            if (!ReferenceEquals(x, input) && !ReferenceEquals(x, next))
            {
                x.Dispose();
            }

            x = next;
        }

        return x;
    }
}
