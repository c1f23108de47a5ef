using Harness.Train.Modules;

namespace Harness.Train.Models;

/// <summary>
/// Multi-layer perceptron: for each hidden width, Linear → [BatchNorm1d] → ReLU → [Dropout]; then a Linear head.
/// Layer indices (state names "0.weight", "1.running_mean", …) match the same nn.Sequential in PyTorch.
/// </summary>
public static class Mlp
{
    public static Sequential Create(int inputs, IReadOnlyList<int> hidden, int classes, bool batchNorm, double dropout)
    {
        var layers = new List<Module>();
        var width = inputs;
        foreach (var h in hidden)
        {
            layers.Add(new Linear(width, h));
            if (batchNorm)
            {
                layers.Add(new BatchNorm1d(h));
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
}
