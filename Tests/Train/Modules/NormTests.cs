using System.Text.Json;
using Harness.Tests.Golden;
using Harness.Train.Modules;
using Harness.Train.Torch;
using NUnit.Framework;

namespace Harness.Tests.Train.Modules;

[TestFixture]
public sealed class NormTests
{
    [Test]
    public void BatchNorm2dMatchesPyTorchInTrainingAndEvalAndTracksRunningStatistics()
    {
        var g = GoldenData.Load("modules_batchnorm2d.json");
        using var bn = new BatchNorm2d(3, g.GetProperty("eps").GetDouble(), g.GetProperty("momentum").GetDouble());
        bn.Weight.Load(g.GetProperty("weight"));
        bn.Bias.Load(g.GetProperty("bias"));
        using var scope = TensorScope.Begin();

        Expect(bn.Forward(g.GetProperty("x1").ToTensor()), g.GetProperty("y1_train"), "first training batch");
        Expect(bn.Forward(g.GetProperty("x2").ToTensor()), g.GetProperty("y2_train"), "second training batch");
        Expect(bn.RunningMean, g.GetProperty("running_mean"), "running_mean after 2 batches");
        Expect(bn.RunningVar, g.GetProperty("running_var"), "running_var after 2 batches (unbiased)");
        Assert.That(bn.NumBatchesTracked.ToInt64Array(), Is.EqualTo(new[] { g.GetProperty("num_batches_tracked").GetInt64() }));

        bn.Eval();
        Expect(bn.Forward(g.GetProperty("x3").ToTensor()), g.GetProperty("y3_eval"), "eval on the running statistics");
        Assert.That(bn.NumBatchesTracked.ToInt64Array(), Is.EqualTo(new[] { 2L }), "eval does not count batches");
    }

    [Test]
    public void BatchNorm2dRefusesOneValuePerChannelInTrainingOnly()
    {
        using var bn = new BatchNorm2d(3);
        using var single = Tensor.Ones([1, 3, 1, 1]);
        var error = Assert.Throws<TorchException>(() => bn.Forward(single));
        Assert.That(error!.Message, Does.Contain("BatchNorm2d: expected more than 1 value per channel"));
        using (TensorScope.Begin())
        {
            // One sample with a 2×2 plane has 4 values per channel: fine, as in PyTorch.
            Assert.That(bn.Forward(Tensor.Randn([1, 3, 2, 2])).Shape, Is.EqualTo(new long[] { 1, 3, 2, 2 }));
        }

        bn.Eval();
        using var y = bn.Forward(single);
        Assert.That(y.Shape, Is.EqualTo(new long[] { 1, 3, 1, 1 }));
        var rank = Assert.Throws<TorchException>(() => bn.Forward(Tensor.Ones([2, 3])));
        Assert.That(rank!.Message, Does.Contain("rank 4"));
    }

    [Test]
    public void BatchNormSharesStateNamesAcrossOneAndTwoDimensions()
    {
        string[] names = ["weight", "bias", "running_mean", "running_var", "num_batches_tracked"];
        using var bn1 = new BatchNorm1d(4);
        using var bn2 = new BatchNorm2d(4);
        Assert.That(bn1.NamedState().Select(s => s.Name), Is.EqualTo(names));
        Assert.That(bn2.NamedState().Select(s => s.Name), Is.EqualTo(names));
        Assert.That(bn1, Is.InstanceOf<BatchNormBase>());
        Assert.Throws<ArgumentOutOfRangeException>(() => new BatchNorm2d(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BatchNorm2d(2, momentum: 1.5));
    }

    [Test]
    public void LayerNormMatchesPyTorch()
    {
        foreach (var c in GoldenData.Load("modules_layernorm.json").GetProperty("cases").EnumerateArray())
        {
            var affine = c.TryGetProperty("weight", out var weight);
            using var ln = new LayerNorm(c.GetProperty("normalized_shape").Longs(), c.GetProperty("eps").GetDouble(), affine);
            if (affine)
            {
                ln.Weight!.Load(weight);
                ln.Bias!.Load(c.GetProperty("bias"));
            }

            Assert.That(ln.NamedParameters().Count(), Is.EqualTo(affine ? 2 : 0));
            using var scope = TensorScope.Begin();
            Expect(ln.Forward(c.GetProperty("x").ToTensor()), c.GetProperty("y"), c.GetProperty("name").GetString()!);
            ln.Eval();
            Expect(ln.Forward(c.GetProperty("x").ToTensor()), c.GetProperty("y"), "eval is the same as training");
        }
    }

    [Test]
    public void GroupNormMatchesPyTorch()
    {
        foreach (var c in GoldenData.Load("modules_groupnorm.json").GetProperty("cases").EnumerateArray())
        {
            var affine = c.TryGetProperty("weight", out var weight);
            using var gn = new GroupNorm(c.GetProperty("groups").GetInt64(), c.GetProperty("channels").GetInt64(),
                c.GetProperty("eps").GetDouble(), affine);
            if (affine)
            {
                gn.Weight!.Load(weight);
                gn.Bias!.Load(c.GetProperty("bias"));
            }

            using var scope = TensorScope.Begin();
            Expect(gn.Forward(c.GetProperty("x").ToTensor()), c.GetProperty("y"), c.GetProperty("name").GetString()!);
        }
    }

    [Test]
    public void RMSNormMatchesItsClosedForm()
    {
        foreach (var c in GoldenData.Load("modules_rmsnorm.json").GetProperty("cases").EnumerateArray())
        {
            var eps = c.GetProperty("eps");
            using var rms = new RMSNorm(c.GetProperty("normalized_shape").Longs(),
                eps.ValueKind == JsonValueKind.Null ? null : eps.GetDouble());
            rms.Weight!.Load(c.GetProperty("weight"));
            Assert.That(rms.NamedState().Select(s => s.Name), Is.EqualTo(new[] { "weight" }), "weight only, no bias");
            using var scope = TensorScope.Begin();
            var y = rms.Forward(c.GetProperty("x").ToTensor());
            var expected = c.GetProperty("y");
            Assert.That(y.Shape, Is.EqualTo(expected.Shape()));
            Assert.That(y.ToFloatArray(), Is.EqualTo(expected.Data()).Within(Tolerances.ComposedVsFloat64ClosedForm),
                c.GetProperty("name").GetString());
        }
    }

    [Test]
    public void RMSNormDefaultsToFloat32EpsilonAndIsDifferentiable()
    {
        using var rms = new RMSNorm(3);
        Assert.That(rms.Eps, Is.EqualTo(Math.Pow(2, -23)));
        using var scope = TensorScope.Begin();
        var x = Tensor.FromArray([3f, 4f, 0f, 1f, 1f, 1f], [2, 3]);
        x.RequiresGrad = true;
        var y = rms.Forward(x);
        // Row 1: rms = √(25/3), so y = x·√3/5; row 2 is all ones: y = 1 (eps is negligible at this scale).
        var r = (float)(Math.Sqrt(3) / 5);
        Assert.That(y.ToFloatArray(), Is.EqualTo(new[] { 3 * r, 4 * r, 0, 1f, 1f, 1f }).Within(Tolerances.ComposedVsFloat64ClosedForm));
        y.Sum().Backward();
        // d/dx of Σ y over a row of ones: Σ_j ∂(x_j/rms)/∂x_i = 1/rms − x_i·Σx/(n·rms³) = 1 − 3/3 = 0.
        Assert.That(x.Grad()!.ToFloatArray().Skip(3), Is.All.EqualTo(0).Within(1e-6));
        Assert.That(rms.Weight!.Grad()!.ToFloatArray(), Is.EqualTo(new[] { 3 * r + 1, 4 * r + 1, 1f }).Within(Tolerances.ComposedVsFloat64ClosedForm));
    }

    [Test]
    public void NormsRejectBadShapesWithTheLayerInTheMessage()
    {
        var groups = Assert.Throws<ArgumentOutOfRangeException>(() => new GroupNorm(4, 6));
        Assert.That(groups!.Message, Does.Contain("GroupNorm(4, 6)"));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LayerNorm(Array.Empty<long>()));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RMSNorm(4, eps: 0));
        using var ln = new LayerNorm(4);
        using var x = Tensor.Ones([2, 5]);
        var error = Assert.Throws<TorchException>(() => ln.Forward(x));
        Assert.That(error!.Message, Does.Contain("LayerNorm([4])").And.Contain("[2, 5]"));
        using var gn = new GroupNorm(2, 4);
        Assert.Throws<TorchException>(() => gn.Forward(x));
    }

    private static void Expect(Tensor actual, JsonElement expected, string what)
    {
        Assert.That(actual.Shape, Is.EqualTo(expected.Shape()), what);
        Assert.That(actual.ToFloatArray(), Is.EqualTo(expected.Data()).Within(Tolerances.LayerVsPyTorch), what);
    }
}
