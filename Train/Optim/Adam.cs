using Harness.Train.Torch;

namespace Harness.Train.Optim;

/// <summary>
/// Adam with L2 regularization in the gradient, as PyTorch 1.13's <c>torch.optim.Adam(weight_decay=λ)</c>:
/// g ← g + λθ, then the Adam update of <see cref="AdamBase"/>. The decay is then scaled by the adaptive
/// denominator, which is what <see cref="AdamW"/> avoids; this class exists as the comparison mode.
/// State names: "adam.exp_avg.{parameter}", "adam.exp_avg_sq.{parameter}".
/// </summary>
public sealed class Adam : AdamBase
{
    public Adam(IReadOnlyList<ParameterGroup> groups, double learningRate = 1e-3, double beta1 = 0.9,
        double beta2 = 0.999, double eps = 1e-8)
        : base(groups, learningRate, beta1, beta2, eps)
    {
    }

    public override string StatePrefix => "adam";

    protected override void Update(Tensor parameter, Tensor grad, ParameterGroup group)
    {
        if (group.WeightDecay == 0)
        {
            AdamUpdate(parameter, grad);
            return;
        }

        using var decayed = grad.Clone();
        decayed.AddInPlace(parameter, group.WeightDecay);
        AdamUpdate(parameter, decayed);
    }
}
