using Harness.Tests.Golden;
using Harness.Train.Modules;
using Harness.Train.Torch;
using NUnit.Framework;

namespace Harness.Tests.Train.Modules;

[TestFixture]
public sealed class ConvTests
{
    private static IEnumerable<TestCaseData> GoldenCases() =>
        GoldenData.Load("modules_conv2d.json").GetProperty("cases").EnumerateArray()
            .Select(c => new TestCaseData(c.GetProperty("name").GetString()!).SetName($"Conv2dMatchesPyTorch({c.GetProperty("name").GetString()})"));

    [TestCaseSource(nameof(GoldenCases))]
    public void Conv2dMatchesPyTorch(string name)
    {
        var c = GoldenData.Load("modules_conv2d.json").GetProperty("cases").EnumerateArray()
            .Single(e => e.GetProperty("name").GetString() == name);
        var k = c.GetProperty("kernel").Longs();
        var s = c.GetProperty("stride").Longs();
        var p = c.GetProperty("padding").Longs();
        var d = c.GetProperty("dilation").Longs();
        var hasBias = c.TryGetProperty("bias", out var bias);
        using var conv = new Conv2d(c.GetProperty("in").GetInt64(), c.GetProperty("out").GetInt64(), (k[0], k[1]),
            (s[0], s[1]), (p[0], p[1]), (d[0], d[1]), c.GetProperty("groups").GetInt64(), hasBias);
        conv.Weight.Load(c.GetProperty("weight"));
        if (hasBias)
        {
            conv.Bias!.Load(bias);
        }

        using var scope = TensorScope.Begin();
        var x = c.GetProperty("x").ToTensor();
        var y = conv.Forward(x);
        var expected = c.GetProperty("y");
        Assert.That(y.Shape, Is.EqualTo(expected.Shape()));
        Assert.That(y.ToFloatArray(), Is.EqualTo(expected.Data()).Within(Tolerances.LayerVsPyTorch));
        var shape = x.Shape;
        Assert.That(conv.OutputSize(shape[2], shape[3]), Is.EqualTo((expected.Shape()[2], expected.Shape()[3])));
        Assert.That(conv.NamedParameters().Select(n => n.Name),
            Is.EqualTo(hasBias ? new[] { "weight", "bias" } : new[] { "weight" }));
    }

    [Test]
    public void DefaultInitIsUniformWithinOneOverSqrtFanIn()
    {
        Torch.ManualSeed(7);
        using var conv = new Conv2d(8, 16, 3, groups: 2);
        var bound = 1 / Math.Sqrt(8 / 2 * 3 * 3); // PyTorch: fan_in = in/groups · kh · kw = 36
        Assert.That(conv.Weight.Shape, Is.EqualTo(new long[] { 16, 4, 3, 3 }));
        var w = conv.Weight.ToFloatArray();
        Assert.That(w.Max(Math.Abs), Is.LessThanOrEqualTo(bound));
        // 576 uniform draws: the extremes land within 5% of the bound (each misses with probability
        // 0.975^576 ≈ 5e-7), and the variance is bound²/3 within 15% (its relative standard error here is ≈ 4%).
        Assert.That(w.Max(), Is.GreaterThan(0.95 * bound));
        Assert.That(w.Min(), Is.LessThan(-0.95 * bound));
        var variance = w.Select(v => (double)v * v).Average();
        Assert.That(variance, Is.EqualTo(bound * bound / 3).Within(15).Percent);
        Assert.That(conv.Bias!.ToFloatArray().Max(Math.Abs), Is.LessThanOrEqualTo(bound));
    }

    [Test]
    public void RejectsInvalidArgumentsWithTheLayerInTheMessage()
    {
        var groups = Assert.Throws<ArgumentOutOfRangeException>(() => new Conv2d(6, 4, 3, groups: 4));
        Assert.That(groups!.Message, Does.Contain("Conv2d(6, 4").And.Contain("groups"));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Conv2d(0, 4, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Conv2d(2, 4, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Conv2d(2, 4, 3, stride: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Conv2d(2, 4, 3, padding: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Conv2d(2, 4, 3, dilation: 0));
    }

    [Test]
    public void AWrongChannelCountIsATorchExceptionNotACrash()
    {
        using var conv = new Conv2d(3, 4, 3);
        using var x = Tensor.Ones([1, 2, 5, 5]);
        Assert.Throws<TorchException>(() => conv.Forward(x));
    }
}
