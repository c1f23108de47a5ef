using Harness.Train.Torch;

namespace Harness.Train.Optim;

/// <summary>Parameters that share optimizer hyper-parameters (e.g. decayed weights vs. biases and norms).</summary>
/// <param name="Parameters">The trainable leaves of this group.</param>
/// <param name="WeightDecay">This group's weight decay (decoupled for AdamW).</param>
/// <param name="Name">A label for logs ("decay", "no_decay").</param>
public sealed record ParameterGroup(IReadOnlyList<Tensor> Parameters, double WeightDecay, string Name = "default");
