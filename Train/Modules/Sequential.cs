using Harness.Train.Torch;

namespace Harness.Train.Modules;

/// <summary>Applies its children in order; children are named "0", "1", … as in PyTorch.</summary>
public sealed class Sequential : Module
{
    private readonly List<Module> _layers = new();

    public Sequential(params Module[] layers)
    {
        foreach (var layer in layers)
        {
            _layers.Add(RegisterModule(_layers.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), layer));
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
