using Harness.Train.Torch;

namespace Harness.Train.Optim;

/// <summary>
/// Adam with decoupled weight decay (Loshchilov &amp; Hutter), step for step as PyTorch 1.13's
/// <c>torch.optim.AdamW</c>: θ ← θ·(1 − lr·λ), then the Adam update of <see cref="AdamBase"/>.
/// State names: "adamw.exp_avg.{parameter}", "adamw.exp_avg_sq.{parameter}".
/// </summary>
public sealed class AdamW : AdamBase
{
    public AdamW(IReadOnlyList<ParameterGroup> groups, double learningRate = 1e-3, double beta1 = 0.9,
        double beta2 = 0.999, double eps = 1e-8)
        : base(groups, learningRate, beta1, beta2, eps)
    {
    }

    public override string StatePrefix => "adamw";

    protected override void Update(Tensor parameter, Tensor grad, ParameterGroup group)
    {
        parameter.MulInPlace(1 - LearningRate * group.WeightDecay);
        AdamUpdate(parameter, grad);
    }
}
