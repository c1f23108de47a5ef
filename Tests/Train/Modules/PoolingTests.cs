using Harness.Tests.Golden;
using Harness.Train.Modules;
using Harness.Train.Torch;
using NUnit.Framework;

namespace Harness.Tests.Train.Modules;

[TestFixture]
public sealed class PoolingTests
{
    [Test]
    public void MaxAndAvgPoolingMatchPyTorch()
    {
        var g = GoldenData.Load("modules_pooling.json");
        using var scope = TensorScope.Begin();
        var x = g.GetProperty("x").ToTensor();
        foreach (var c in g.GetProperty("cases").EnumerateArray())
        {
            var kind = c.GetProperty("kind").GetString();
            var k = c.GetProperty("kernel").GetInt64();
            var s = c.GetProperty("stride").GetInt64();
            var p = c.GetProperty("padding").GetInt64();
            using Module pool = kind == "max" ? new MaxPool2d(k, s, p) : new AvgPool2d(k, s, p);
            var y = pool.Forward(x);
            var expected = c.GetProperty("y");
            var what = $"{kind} pool k{k} s{s} p{p}";
            Assert.That(y.Shape, Is.EqualTo(expected.Shape()), what);
            Assert.That(y.ToFloatArray(), Is.EqualTo(expected.Data()).Within(Tolerances.LayerVsPyTorch), what);
        }
    }

    [Test]
    public void GlobalAvgPoolIsThePerChannelMeanAndFlattenKeepsTheBatch()
    {
        var g = GoldenData.Load("modules_pooling.json");
        using var scope = TensorScope.Begin();
        using var gap = new GlobalAvgPool();
        using var flatten = new Flatten();
        var pooled = gap.Forward(g.GetProperty("x").ToTensor());
        Assert.That(pooled.Shape, Is.EqualTo(new long[] { 2, 2, 1, 1 }));
        Assert.That(pooled.ToFloatArray(), Is.EqualTo(g.GetProperty("global_avg").Data()).Within(Tolerances.LayerVsPyTorch));
        var flat = flatten.Forward(pooled);
        Assert.That(flat.Shape, Is.EqualTo(new long[] { 2, 2 }));

        var x = Tensor.FromArray(Enumerable.Range(0, 24).Select(i => (float)i).ToArray(), [2, 3, 2, 2]);
        var rows = flatten.Forward(x);
        Assert.That(rows.Shape, Is.EqualTo(new long[] { 2, 12 }));
        Assert.That(rows.ToFloatArray(), Is.EqualTo(x.ToFloatArray()), "row-major order is kept");
    }

    [Test]
    public void PoolingDefaultsTheStrideToTheKernelAndRejectsBadWindows()
    {
        using var pool = new MaxPool2d(2);
        Assert.That(pool.Stride, Is.EqualTo(2));
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new AvgPool2d(3, 1, padding: 2));
        Assert.That(error!.Message, Does.Contain("AvgPool2d").And.Contain("padding"));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MaxPool2d(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MaxPool2d(2, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Flatten(-1));
    }
}
