using Harness.Train.Models;
using Harness.Train.Optim;
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
        using var optimizer = new AdamW([new ParameterGroup(model.Parameters().ToList(), 0.01)], 1e-3);
        var x = new float[16 * 20];
        var y = new long[16];
        var random = new Random(5);

        // One warm-up step creates the optimizer state (two moment tensors per parameter), which lives on.
        Step();
        var before = NativeTensors.SettledLiveCount();
        for (var i = 0; i < 200; i++)
        {
            Step();
        }

        Assert.That(NativeTensors.SettledLiveCount(), Is.EqualTo(before));

        void Step()
        {
            for (var j = 0; j < x.Length; j++)
            {
                x[j] = (float)random.NextDouble();
            }

            for (var j = 0; j < y.Length; j++)
            {
                y[j] = random.Next(4);
            }

            using var scope = TensorScope.Begin();
            var loss = Functional.CrossEntropy(model.Forward(Tensor.FromArray(x, [16, 20])), Tensor.FromArray(y, [16]));
            optimizer.ClearGrad();
            loss.Backward();
            optimizer.Step();
        }
    }
}
