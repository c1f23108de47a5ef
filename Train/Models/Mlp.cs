using Harness.Train.Modules;

namespace Harness.Train.Models;

/// <summary>
/// Multi-layer perceptron: for each hidden width, Linear (or DropConnectLinear) → [norm] → ReLU → [Dropout]; then
/// a Linear head. Layer indices (state names "0.weight", "1.running_mean", …) match the same nn.Sequential in
/// PyTorch. Input: [N, inputs].
/// </summary>
public static class Mlp
{
    /// <summary>An MLP with optional BatchNorm1d after each hidden Linear.</summary>
    public static Sequential Create(int inputs, IReadOnlyList<int> hidden, int classes, bool batchNorm, double dropout) =>
        Create(inputs, hidden, classes, batchNorm ? NormKind.Batch : NormKind.None, dropout, dropConnect: 0);

    /// <summary>
    /// An MLP whose hidden layers use <paramref name="norm"/> (none, batch, layer or rms), dropout after each
    /// activation and, when <paramref name="dropConnect"/> &gt; 0, DropConnectLinear instead of Linear (the head
    /// stays a plain Linear).
    /// </summary>
    public static Sequential Create(int inputs, IReadOnlyList<int> hidden, int classes, NormKind norm, double dropout,
        double dropConnect)
    {
        ArgumentNullException.ThrowIfNull(hidden);
        if (inputs < 1 || classes < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(inputs), $"Mlp: inputs ({inputs}) and classes ({classes}) must be >= 1.");
        }

        var layers = new List<Module>();
        try
        {
            var width = inputs;
            foreach (var h in hidden)
            {
                layers.Add(dropConnect > 0 ? new DropConnectLinear(width, h, dropConnect) : new Linear(width, h));
                if (Norms.ForFeatures(norm, h) is { } n)
                {
                    layers.Add(n);
                }

                layers.Add(new ReLU());
                if (dropout > 0)
                {
                    layers.Add(new Dropout(dropout));
                }

                width = h;
            }

            layers.Add(new Linear(width, classes));
            return new Sequential(layers.ToArray());
        }
        catch
        {
            foreach (var layer in layers)
            {
                layer.Dispose();
            }

            throw;
        }
    }
}
