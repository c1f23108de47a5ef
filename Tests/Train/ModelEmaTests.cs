using Harness.Train.Models;
using Harness.Train.Modules;
using Harness.Train.Regularization;
using Harness.Train.Torch;
using NUnit.Framework;

namespace Harness.Tests.Train;

/// <summary>
/// EMA against its closed form: with the model's state held at v after starting from v₀, K updates give
/// ema = v + (v₀ − v) · Π_{k&lt;K} d_k, for parameters and BatchNorm running statistics alike.
/// </summary>
[TestFixture]
public sealed class ModelEmaTests
{
    private const double Start = 2.0;
    private const double Target = 5.0;

    [TestCase(true)]
    [TestCase(false)]
    public void AverageFollowsTheClosedForm(bool warmup)
    {
        const double decay = 0.5;
        const int updates = 12;
        Torch.ManualSeed(1);
        using var model = Mlp.Create(2, [3], 2, batchNorm: true, dropout: 0);
        Fill(model, Start, batches: 0);
        using var ema = new ModelEma(model, decay, warmup);
        Fill(model, Target, batches: 7);

        var product = 1.0;
        for (var k = 0; k < updates; k++)
        {
            var d = warmup ? Math.Min(decay, (1.0 + k) / (10.0 + k)) : decay;
            Assert.That(ema.DecayAt(k), Is.EqualTo(d).Within(1e-15));
            product *= d;
            ema.Update(model);
        }

        var expected = Target + (Start - Target) * product;
        Assert.That(ema.Updates, Is.EqualTo(updates));
        foreach (var (name, tensor) in ema.NamedState)
        {
            if (name.EndsWith("num_batches_tracked", StringComparison.Ordinal))
            {
                Assert.That(tensor.ToInt64Array(), Is.EqualTo(new long[] { 7 }), "integer buffers are copied");
            }
            else
            {
                Assert.That(tensor.ToFloatArray(), Has.All.EqualTo((float)expected).Within(Tolerances.Float32ClosedForm), name);
            }
        }

        Assert.That(ema.NamedState.Select(s => s.Name), Does.Contain("1.running_var"), "BN buffers are averaged too");
        using var copy = Mlp.Create(2, [3], 2, batchNorm: true, dropout: 0);
        ema.CopyTo(copy);
        Assert.That(copy.NamedParameters().First().Tensor.ToFloatArray(), Has.All.EqualTo((float)expected).Within(Tolerances.Float32ClosedForm));
    }

    [Test]
    public void RejectsBadDecayAndAMismatchedModel()
    {
        Torch.ManualSeed(1);
        using var model = Mlp.Create(2, [3], 2, batchNorm: true, dropout: 0);
        using var other = Mlp.Create(2, [3], 2, batchNorm: false, dropout: 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ModelEma(model, 1.0));
        using var ema = new ModelEma(model, 0.9);
        Assert.Throws<ArgumentException>(() => ema.Update(other));
    }

    private static void Fill(Module model, double value, long batches)
    {
        using var noGrad = Torch.NoGrad();
        foreach (var (name, tensor) in model.NamedState())
        {
            tensor.Fill(name.EndsWith("num_batches_tracked", StringComparison.Ordinal) ? batches : value);
        }
    }
}
