using Harness.Train.Modules;
using Harness.Train.Torch;
using NUnit.Framework;

namespace Harness.Tests.Train.Modules;

[TestFixture]
public sealed class BasicBlockTests
{
    private static Module Bn(long c) => new BatchNorm2d(c);

    [Test]
    public void AProjectionShortcutExistsExactlyWhenTheStrideOrTheWidthChanges()
    {
        using var same = new BasicBlock(4, 4, 1, Bn);
        using var wider = new BasicBlock(4, 8, 1, Bn);
        using var strided = new BasicBlock(4, 4, 2, Bn);
        Assert.That(same.Downsample, Is.Null);
        Assert.That(wider.Downsample, Is.Not.Null);
        Assert.That(strided.Downsample, Is.Not.Null);

        using var scope = TensorScope.Begin();
        Assert.That(strided.Forward(Tensor.Randn([2, 4, 5, 5])).Shape, Is.EqualTo(new long[] { 2, 4, 3, 3 }));
        Assert.That(wider.Forward(Tensor.Randn([2, 4, 5, 5])).Shape, Is.EqualTo(new long[] { 2, 8, 5, 5 }));
    }

    [Test]
    public void StateNamesFollowTorchvisionsBasicBlock()
    {
        using var block = new BasicBlock(4, 8, 2, Bn, dropout2d: 0.1, dropPath: 0.2);
        Assert.That(block.NamedParameters().Select(p => p.Name), Is.EqualTo(new[]
        {
            "conv1.weight", "bn1.weight", "bn1.bias", "conv2.weight", "bn2.weight", "bn2.bias",
            "downsample.0.weight", "downsample.1.weight", "downsample.1.bias",
        }));
        Assert.That(block.NamedBuffers().Select(p => p.Name).Where(n => n.EndsWith("running_mean", StringComparison.Ordinal)),
            Is.EqualTo(new[] { "bn1.running_mean", "bn2.running_mean", "downsample.1.running_mean" }));
        Assert.That(block.Children.Select(c => c.Name),
            Is.EqualTo(new[] { "conv1", "bn1", "drop", "conv2", "bn2", "drop_path", "downsample" }));
        Assert.That(block.Conv1.Bias, Is.Null, "no conv bias in front of a norm");

        using var plain = new BasicBlock(4, 4);
        Assert.That(plain.NamedParameters().Select(p => p.Name),
            Is.EqualTo(new[] { "conv1.weight", "conv1.bias", "conv2.weight", "conv2.bias" }), "no norm: biased convs");
    }

    [Test]
    public void WithASilencedBranchTheBlockIsReluOfTheShortcut()
    {
        Torch.ManualSeed(31);
        using var identity = new BasicBlock(3, 3, 1, Bn);
        using var projected = new BasicBlock(3, 6, 2, Bn);
        foreach (var block in new[] { identity, projected })
        {
            var bn2 = (BatchNorm2d)block.Norm2!;
            bn2.Weight.Load(0);
            bn2.Bias.Load(0);
        }

        using var scope = TensorScope.Begin();
        var x = Tensor.Randn([4, 3, 6, 6]);
        Assert.That(identity.Forward(x).ToFloatArray(), Is.EqualTo(x.Relu().ToFloatArray()), "y = ReLU(0 + x)");
        var shortcut = projected.Downsample!.Forward(x);
        Assert.That(projected.Forward(x).ToFloatArray(), Is.EqualTo(shortcut.Relu().ToFloatArray()), "y = ReLU(0 + proj(x))");
    }

    [Test]
    public void DropPathDropsTheResidualBranchPerSampleAndNeverTheShortcut()
    {
        const double p = 0.5;
        const int n = 64;
        Torch.ManualSeed(32);
        using var block = new BasicBlock(3, 3, 1, Bn, dropPath: p);
        using var scope = TensorScope.Begin();
        var x = Tensor.Randn([n, 3, 4, 4]);
        var y = block.Forward(x).ToFloatArray();
        var relu = x.Relu().ToFloatArray();
        const int size = 3 * 4 * 4;
        var dropped = Enumerable.Range(0, n)
            .Count(s => y.AsSpan(s * size, size).SequenceEqual(relu.AsSpan(s * size, size)));
        // A dropped sample is exactly ReLU(x); the count is Binomial(64, 0.5): σ = 4.
        Assert.That(dropped, Is.EqualTo(n * p).Within(Tolerances.MaskStatisticSigmas * Math.Sqrt(n * p * (1 - p))));
        Assert.That(dropped, Is.GreaterThan(0).And.LessThan(n));

        block.Eval();
        var evaluated = block.Forward(x).ToFloatArray();
        Assert.That(Enumerable.Range(0, n).Count(s => evaluated.AsSpan(s * size, size).SequenceEqual(relu.AsSpan(s * size, size))),
            Is.Zero, "in eval every sample keeps its residual branch");
    }

    [Test]
    public void RejectsInvalidArguments()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new BasicBlock(0, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BasicBlock(4, 4, stride: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BasicBlock(4, 4, dropout2d: 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BasicBlock(4, 4, dropPath: 1));
    }
}
