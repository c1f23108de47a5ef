using Harness.Train.Models;
using Harness.Train.Modules;
using Harness.Train.Optim;
using Harness.Train.Torch;
using NUnit.Framework;

namespace Harness.Tests.Train.Models;

[TestFixture]
public sealed class ConvModelTests
{
    [Test]
    public void CnnStateNamesFollowPyTorchsSequentialNumbering()
    {
        using var cnn = Cnn.Create(1, 8, 8, [4, 8], 3, NormKind.Batch, dropout: 0.2, dropout2d: 0.1);
        Assert.That(cnn.NamedParameters().Select(p => p.Name), Is.EqualTo(new[]
        {
            "stages.0.0.weight", "stages.0.1.weight", "stages.0.1.bias", "stages.0.3.weight", "stages.0.4.weight", "stages.0.4.bias",
            "stages.1.0.weight", "stages.1.1.weight", "stages.1.1.bias", "stages.1.3.weight", "stages.1.4.weight", "stages.1.4.bias",
            "head.weight", "head.bias",
        }));
        Assert.That(cnn.NamedBuffers().Select(p => p.Name).Take(3),
            Is.EqualTo(new[] { "stages.0.1.running_mean", "stages.0.1.running_var", "stages.0.1.num_batches_tracked" }));
        Assert.That(cnn.Children.Select(c => c.Name), Is.EqualTo(new[] { "stages", "pool", "flatten", "dropout", "head" }));
        Assert.That(((Sequential)cnn.Children[0].Module).Layers[0] is Sequential { Layers: [Conv2d, BatchNorm2d, ReLU, Conv2d, BatchNorm2d, ReLU, MaxPool2d, Dropout2d] });

        using var flat = Cnn.Create(1, 8, 8, [4, 8], 3, NormKind.None, globalPool: false);
        Assert.That(flat.NamedParameters().Select(p => p.Name).Take(2), Is.EqualTo(new[] { "stages.0.0.weight", "stages.0.0.bias" }));
        Assert.That(((Linear)flat.Layers[^1]).InFeatures, Is.EqualTo(8 * 2 * 2), "flatten: 8 channels × (8 / 2 / 2)²");
    }

    [Test]
    public void ResNetStateNamesFollowTorchvisionsLayout()
    {
        using var net = ResNet.Create(3, [4, 8], [1, 1], 10);
        Assert.That(net.NamedParameters().Select(p => p.Name), Is.EqualTo(new[]
        {
            "stem.0.weight", "stem.1.weight", "stem.1.bias",
            "stages.0.0.conv1.weight", "stages.0.0.bn1.weight", "stages.0.0.bn1.bias",
            "stages.0.0.conv2.weight", "stages.0.0.bn2.weight", "stages.0.0.bn2.bias",
            "stages.1.0.conv1.weight", "stages.1.0.bn1.weight", "stages.1.0.bn1.bias",
            "stages.1.0.conv2.weight", "stages.1.0.bn2.weight", "stages.1.0.bn2.bias",
            "stages.1.0.downsample.0.weight", "stages.1.0.downsample.1.weight", "stages.1.0.downsample.1.bias",
            "head.weight", "head.bias",
        }));
        Assert.That(net.NamedBuffers().Select(p => p.Name),
            Has.Member("stages.1.0.downsample.1.running_var").And.Member("stem.1.num_batches_tracked"));
    }

    [Test]
    public void StochasticDepthRatesFollowTheLinearScheduleOverTheGlobalBlockIndex()
    {
        const double p = 0.25;
        using var net = ResNet.Create(1, [4, 8, 8], [2, 3, 1], 3, stochasticDepth: p);
        var rates = net.NamedModules().Where(m => m.Module is DropPath).Select(m => (m.Name, ((DropPath)m.Module).P)).ToList();
        Assert.That(rates.Select(r => r.Name), Is.EqualTo(new[]
        {
            "stages.0.0.drop_path", "stages.0.1.drop_path", "stages.1.0.drop_path", "stages.1.1.drop_path",
            "stages.1.2.drop_path", "stages.2.0.drop_path",
        }));
        // Block i of L = 6 gets p · i / (L − 1): 0, 0.05, 0.10, 0.15, 0.20, 0.25.
        Assert.That(rates.Select(r => r.P), Is.EqualTo(new[] { 0, 0.05, 0.10, 0.15, 0.20, 0.25 }).Within(1e-12));
        Assert.That(ResNet.DropPathRates(0.3, 1), Is.EqualTo(new[] { 0.0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => ResNet.DropPathRates(1, 3));
    }

    [Test]
    public void ResNetInEvalIsDeterministicAndBatchIndependent()
    {
        Torch.ManualSeed(42);
        using var net = ResNet.Create(3, [4, 8], [2, 1], 5, NormKind.Batch, dropout: 0.3, dropout2d: 0.2, stochasticDepth: 0.3);
        using var scope = TensorScope.Begin();
        for (var i = 0; i < 3; i++)
        {
            net.Forward(Tensor.Randn([8, 3, 6, 6]) * 2 + 0.5); // moves the running statistics off 0 / 1
        }

        var batch = Tensor.Randn([6, 3, 6, 6]);
        var trainingA = net.Forward(batch).ToFloatArray();
        var trainingB = net.Forward(batch).ToFloatArray();
        Assert.That(trainingB, Is.Not.EqualTo(trainingA), "the control: training mode samples dropout, Dropout2d and DropPath");

        net.Eval();
        var first = net.Forward(batch).ToFloatArray();
        Assert.That(net.Forward(batch).ToFloatArray(), Is.EqualTo(first), "eval output must not depend on the call");
        for (var i = 0; i < 6; i++)
        {
            Assert.That(net.Forward(batch.Narrow(0, i, 1)).ToFloatArray(), Is.EqualTo(first.AsSpan(i * 5, 5).ToArray()).Within(1e-5),
                $"sample {i} alone must equal its row in the batch");
        }
    }

    [TestCase("cnn")]
    [TestCase("resnet")]
    public void TwoHundredTrainingStepsLeaveTheLiveTensorCountWhereItStarted(string kind)
    {
        Torch.ManualSeed(43);
        using Module model = kind == "cnn"
            ? Cnn.Create(1, 8, 8, [4, 8], 3, NormKind.Batch, dropout: 0.2, dropout2d: 0.1)
            : ResNet.Create(1, [4, 8], [1, 1], 3, NormKind.Batch, dropout: 0.2, dropout2d: 0.1, stochasticDepth: 0.2);
        var (before, after) = NativeTensors.AcrossTrainingSteps(model, [4, 1, 8, 8], classes: 3, seed: 6);
        Assert.That(after, Is.EqualTo(before));
    }
}
