using Harness.Train.Torch;

namespace Harness.Train.Optim;

/// <summary>
/// Stochastic gradient descent as PyTorch 1.13's <c>torch.optim.SGD</c>: d ← g + λθ (weight decay in the
/// gradient); with momentum μ the buffer starts as a copy of the first d and then b ← μb + (1 − dampening)·d;
/// the step uses d + μb (Nesterov) or b; θ ← θ − lr·step. State name: "sgd.momentum_buffer.{parameter}"
/// (none without momentum).
/// </summary>
public sealed class Sgd : Optimizer
{
    private static readonly string[] MomentumSlots = ["momentum_buffer"];

    public Sgd(IReadOnlyList<ParameterGroup> groups, double learningRate, double momentum = 0, bool nesterov = false,
        double dampening = 0)
        : base(groups, learningRate)
    {
        if (momentum is < 0 or >= 1 || double.IsNaN(momentum))
        {
            throw new ArgumentOutOfRangeException(nameof(momentum), $"SGD momentum {momentum} must lie in [0, 1).");
        }

        if (dampening is < 0 or > 1 || double.IsNaN(dampening))
        {
            throw new ArgumentOutOfRangeException(nameof(dampening), $"SGD dampening {dampening} must lie in [0, 1].");
        }

        if (nesterov && (momentum == 0 || dampening != 0))
        {
            throw new ArgumentException(
                $"Nesterov momentum needs momentum > 0 and dampening 0 (got momentum {momentum}, dampening {dampening}).",
                nameof(nesterov));
        }

        Momentum = momentum;
        Nesterov = nesterov;
        Dampening = dampening;
    }

    public double Momentum { get; }

    public bool Nesterov { get; }

    public double Dampening { get; }

    public override string StatePrefix => "sgd";

    protected override IReadOnlyList<string> StateSlots => Momentum == 0 ? [] : MomentumSlots;

    protected override void Update(Tensor parameter, Tensor grad, ParameterGroup group)
    {
        using var d = grad.Clone();
        if (group.WeightDecay != 0)
        {
            d.AddInPlace(parameter, group.WeightDecay);
        }

        if (Momentum == 0)
        {
            parameter.AddInPlace(d, -LearningRate);
            return;
        }

        var existing = GetState(parameter);
        var buffer = (existing ?? GetOrCreateState(parameter))[0];
        if (existing is null)
        {
            buffer.CopyFrom(d);
        }
        else
        {
            buffer.MulInPlace(Momentum).AddInPlace(d, 1 - Dampening);
        }

        if (Nesterov)
        {
            d.AddInPlace(buffer, Momentum);
            parameter.AddInPlace(d, -LearningRate);
        }
        else
        {
            parameter.AddInPlace(buffer, -LearningRate);
        }
    }
}
