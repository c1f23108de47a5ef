using Harness.Train.Torch;

namespace Harness.Train.Modules;

/// <summary>max(x, 0).</summary>
public sealed class ReLU : Module
{
    public override Tensor Forward(Tensor input) => input.Relu();
}
