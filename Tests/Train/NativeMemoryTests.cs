using Harness.Train.Models;
using Harness.Train.Torch;
using NUnit.Framework;

namespace Harness.Tests.Train;

[TestFixture]
public sealed class NativeMemoryTests
{
    [Test]
    public void TwoHundredTrainingStepsLeaveTheLiveTensorCountWhereItStarted()
    {
        Torch.ManualSeed(11);
        using var model = Mlp.Create(20, [32], 4, batchNorm: true, dropout: 0.2);
        var (before, after) = NativeTensors.AcrossTrainingSteps(model, [16, 20], classes: 4, seed: 5);
        Assert.That(after, Is.EqualTo(before));
    }
}
