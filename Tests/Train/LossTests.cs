using System.Text.Json;
using Harness.Tests.Golden;
using Harness.Train.Losses;
using Harness.Train.Torch;
using NUnit.Framework;

namespace Harness.Tests.Train;

/// <summary>The composed losses and their gradients against PyTorch's (make_golden_optim.py, "losses").</summary>
[TestFixture]
public sealed class LossTests
{
    private static readonly JsonElement G = GoldenData.Load("optim_golden.json").GetProperty("losses");

    [Test]
    public void SoftTargetCrossEntropyEqualsTorchWithProbabilityTargets()
    {
        using var scope = TensorScope.Begin();
        var (logits, _, q) = Inputs();
        Check(SoftTargetCrossEntropy.Compute(logits, q), logits, "soft_ce");
    }

    [Test]
    public void LabelSmoothingEqualsTorchCrossEntropyWithLabelSmoothing()
    {
        using var scope = TensorScope.Begin();
        var (logits, labels, _) = Inputs();
        Check(LabelSmoothing.CrossEntropy(logits, labels, G.GetProperty("smoothing").GetDouble()), logits, "smooth_ce");
    }

    [Test]
    public void SmoothedTargetsAreOneMinusEpsilonOneHotPlusEpsilonOverK()
    {
        using var scope = TensorScope.Begin();
        var labels = Tensor.FromArray([2L, 0L], [2]);
        var q = LabelSmoothing.Smooth(LabelSmoothing.OneHot(labels, 4), 0.2).ToFloatArray();
        Assert.That(q, Is.EqualTo(new[] { 0.05f, 0.05f, 0.85f, 0.05f, 0.85f, 0.05f, 0.05f, 0.05f }).Within(Tolerances.Float32ClosedForm));
    }

    [Test]
    public void DistillationEqualsHintonsLossBuiltFromTorchKlDivBatchmean()
    {
        using var scope = TensorScope.Begin();
        var (logits, labels, _) = Inputs();
        var teacher = Tensor.FromArray(G.GetProperty("teacher").Floats(), logits.Shape);
        var loss = new DistillationLoss(G.GetProperty("temperature").GetDouble(), G.GetProperty("alpha").GetDouble());
        Check(loss.Compute(logits, teacher, labels), logits, "kd");
    }

    [Test]
    public void RejectsMismatchedShapesAndBadHyperParameters()
    {
        using var scope = TensorScope.Begin();
        Assert.Throws<ArgumentException>(() => SoftTargetCrossEntropy.Compute(Tensor.Zeros([2, 3]), Tensor.Zeros([2, 4])));
        Assert.Throws<ArgumentOutOfRangeException>(() => LabelSmoothing.Smooth(Tensor.Zeros([2, 3]), 1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DistillationLoss(0, 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DistillationLoss(2, 1.1));
        Assert.Throws<ArgumentException>(() => new DistillationLoss(2, 0.5).Compute(Tensor.Zeros([2, 3]), Tensor.Zeros([2, 4]),
            Tensor.FromArray([0L, 1L], [2])));
    }

    private static (Tensor Logits, Tensor Labels, Tensor Q) Inputs()
    {
        long n = G.GetProperty("n").GetInt64(), k = G.GetProperty("k").GetInt64();
        var logits = Tensor.FromArray(G.GetProperty("logits").Floats(), [n, k]);
        logits.RequiresGrad = true;
        return (logits, Tensor.FromArray(G.GetProperty("y").Longs(), [n]), Tensor.FromArray(G.GetProperty("q").Floats(), [n, k]));
    }

    private static void Check(Tensor loss, Tensor logits, string name)
    {
        loss.Backward();
        Assert.That(loss.Item(), Is.EqualTo(G.GetProperty(name).GetDouble()).Within(Tolerances.OptimVsPyTorch), name);
        Assert.That(logits.Grad()!.ToFloatArray(), Is.EqualTo(G.GetProperty(name + "_grad").Floats()).Within(Tolerances.OptimVsPyTorch),
            name + " gradient");
    }
}
