using Harness.Tests.Golden;
using Harness.Train.Regularization;
using Harness.Train.Torch;
using NUnit.Framework;

namespace Harness.Tests.Train;

[TestFixture]
public sealed class ConstraintAndClippingTests
{
    [Test]
    public void MaxNormScalesOnlyRowsAboveTheBoundToExactlyTheBound()
    {
        using var scope = TensorScope.Begin();
        // Row norms 5, √0.05 and 2 (Linear [3, 4]); filters of a conv weight [2, 1, 2, 2] with norms 4 and 1.
        var linear = Tensor.FromArray([3, 4, 0, 0, 0.1f, 0.2f, 0, 0, 1, 1, 1, 1], [3, 4]);
        var conv = Tensor.FromArray([2, 2, 2, 2, 0.5f, 0.5f, 0.5f, -0.5f], [2, 1, 2, 2]);
        linear.RequiresGrad = true;
        new MaxNormConstraint(1.5).Apply([linear, conv]);

        Assert.That(linear.ToFloatArray(), Is.EqualTo(new[] { 0.9f, 1.2f, 0, 0, 0.1f, 0.2f, 0, 0, 0.75f, 0.75f, 0.75f, 0.75f })
            .Within(Tolerances.Float32ClosedForm));
        Assert.That(conv.ToFloatArray(), Is.EqualTo(new[] { 0.75f, 0.75f, 0.75f, 0.75f, 0.5f, 0.5f, 0.5f, -0.5f })
            .Within(Tolerances.Float32ClosedForm));
        Assert.That(linear.RequiresGrad, Is.True);
        Assert.Throws<ArgumentException>(() => new MaxNormConstraint(1).Apply([Tensor.Ones([3])]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MaxNormConstraint(0));
    }

    [Test]
    public void ClipByGlobalNormMatchesTorchClipGradNorm()
    {
        var g = GoldenData.Load("optim_golden.json").GetProperty("clip_grad_norm");
        foreach (var c in g.GetProperty("cases").EnumerateArray())
        {
            using var scope = TensorScope.Begin();
            var (p1, p2) = WithGradients(g.GetProperty("g1").Floats(), g.GetProperty("g2").Floats());
            var total = GradientClipping.ClipByGlobalNorm([p1, p2], c.GetProperty("max_norm").GetDouble());
            Assert.That(total, Is.EqualTo(c.GetProperty("total_norm").GetDouble()).Within(Tolerances.OptimVsPyTorch));
            Assert.That(p1.Grad()!.ToFloatArray(), Is.EqualTo(c.GetProperty("g1").Floats()).Within(Tolerances.OptimVsPyTorch));
            Assert.That(p2.Grad()!.ToFloatArray(), Is.EqualTo(c.GetProperty("g2").Floats()).Within(Tolerances.OptimVsPyTorch));
        }

        var first = g.GetProperty("cases")[0];
        Assert.That(first.GetProperty("total_norm").GetDouble(), Is.GreaterThan(first.GetProperty("max_norm").GetDouble()),
            "the golden must contain a case that actually clips");
    }

    [Test]
    public void ClipByValueClampsEveryElement()
    {
        using var scope = TensorScope.Begin();
        var (p1, p2) = WithGradients([-3, -0.5f, 0.2f, 4], [1.5f, -1.5f]);
        GradientClipping.ClipByValue([p1, p2], 1.0);
        Assert.That(p1.Grad()!.ToFloatArray(), Is.EqualTo(new[] { -1, -0.5f, 0.2f, 1 }));
        Assert.That(p2.Grad()!.ToFloatArray(), Is.EqualTo(new[] { 1f, -1f }));
        Assert.Throws<ArgumentOutOfRangeException>(() => GradientClipping.ClipByValue([p1], 0));
    }

    /// <summary>Two leaves whose gradients are exactly <paramref name="g1"/> and <paramref name="g2"/> (backward of Σ g·p).</summary>
    private static (Tensor P1, Tensor P2) WithGradients(float[] g1, float[] g2)
    {
        var p1 = Tensor.Zeros([g1.Length]);
        var p2 = Tensor.Zeros([g2.Length]);
        p1.RequiresGrad = true;
        p2.RequiresGrad = true;
        var loss = (p1 * Tensor.FromArray(g1, [g1.Length])).Sum() + (p2 * Tensor.FromArray(g2, [g2.Length])).Sum();
        loss.Backward();
        return (p1, p2);
    }
}
