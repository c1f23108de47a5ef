using Harness.Train.Torch;

namespace Harness.Train.Optim;

/// <summary>Parameters that share optimizer hyper-parameters (e.g. decayed weights vs. biases and norms).</summary>
/// <param name="Parameters">The trainable leaves of this group.</param>
/// <param name="WeightDecay">This group's weight decay (decoupled for AdamW, added to the gradient for Adam and SGD).</param>
/// <param name="Name">A label for logs ("decay", "no_decay").</param>
/// <param name="ParameterNames">
/// The parameters' names (state_dict style, "0.weight"), one per parameter; they name the optimizer's state
/// tensors in checkpoints. When null, positions stand in ("group0.3").
/// </param>
public sealed record ParameterGroup(IReadOnlyList<Tensor> Parameters, double WeightDecay, string Name = "default",
    IReadOnlyList<string>? ParameterNames = null);
