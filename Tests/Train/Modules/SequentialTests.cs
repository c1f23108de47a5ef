using Harness.Train.Modules;
using Harness.Train.Torch;
using NUnit.Framework;

namespace Harness.Tests.Train.Modules;

[TestFixture]
public sealed class SequentialTests
{
    [Test]
    public void NamedLayersPrefixTheirStateAndRunInOrder()
    {
        using var net = new Sequential([("features", new Linear(3, 2)), ("act", new ReLU()), ("head", new Linear(2, 1))]);
        Assert.That(net.NamedParameters().Select(p => p.Name),
            Is.EqualTo(new[] { "features.weight", "features.bias", "head.weight", "head.bias" }));
        using var scope = TensorScope.Begin();
        var x = Tensor.Randn([4, 3]);
        var head = (Linear)net.Layers[2];
        var expected = Functional.Linear(Functional.Linear(x, ((Linear)net.Layers[0]).Weight, ((Linear)net.Layers[0]).Bias).Relu(),
            head.Weight, head.Bias);
        Assert.That(net.Forward(x).ToFloatArray(), Is.EqualTo(expected.ToFloatArray()));
    }

    [TestCase("")]
    [TestCase("a.b")]
    [TestCase("same")]
    public void RejectsEmptyDottedOrRepeatedNames(string name)
    {
        var error = Assert.Throws<ArgumentException>(() => _ = new Sequential([("same", new ReLU()), (name, new ReLU())]));
        Assert.That(error!.Message, Does.Contain($"'{name}'"));
    }
}
