using Harness.Tests.Golden;
using Harness.Train.Optim;
using Harness.Train.Torch;
using NUnit.Framework;

namespace Harness.Tests.Train;

[TestFixture]
public sealed class AdamWTests
{
    [Test]
    public void ThreeStepsEqualPyTorchsAdamW()
    {
        var g = GoldenData.Load("adamw_step.json");
        using var scope = TensorScope.Begin();
        var w = Tensor.FromArray(g.GetProperty("w0").Floats(), [3, 4]);
        var b = Tensor.FromArray(g.GetProperty("b0").Floats(), [3]);
        w.RequiresGrad = true;
        b.RequiresGrad = true;
        var x = Tensor.FromArray(g.GetProperty("x").Floats(), [5, 4]);
        var y = Tensor.FromArray(g.GetProperty("y").Longs(), [5]);
        using var optimizer = new AdamW([new ParameterGroup([w, b], g.GetProperty("weight_decay").GetDouble())],
            g.GetProperty("lr").GetDouble(), g.GetProperty("beta1").GetDouble(), g.GetProperty("beta2").GetDouble(),
            g.GetProperty("eps").GetDouble());

        var steps = g.GetProperty("steps").GetInt32();
        for (var s = 0; s < steps; s++)
        {
            optimizer.ClearGrad();
            var loss = Functional.CrossEntropy(Functional.Linear(x, w, b), y);
            loss.Backward();
            Assert.That(loss.Item(), Is.EqualTo(g.GetProperty("loss")[s].GetDouble()).Within(Tolerances.Float32Ulps));
            Assert.That(w.Grad()!.ToFloatArray(), Is.EqualTo(g.GetProperty("grad_w")[s].Floats()).Within(Tolerances.Float32Ulps));
            optimizer.Step();

            Assert.That(w.ToFloatArray(), Is.EqualTo(g.GetProperty("w")[s].Floats()).Within(Tolerances.AdamWVsPyTorch),
                $"weights after step {s + 1}");
            Assert.That(b.ToFloatArray(), Is.EqualTo(g.GetProperty("b")[s].Floats()).Within(Tolerances.AdamWVsPyTorch),
                $"bias after step {s + 1}");
        }
    }

    [Test]
    public void RejectsInvalidHyperParameters()
    {
        using var p = Tensor.Ones([2]);
        Assert.Throws<ArgumentOutOfRangeException>(() => new AdamW([new ParameterGroup([p], 0)], learningRate: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AdamW([new ParameterGroup([p], 0)], beta1: 1.0));
        Assert.Throws<ArgumentException>(() => new AdamW([new ParameterGroup([], 0)]));
    }
}
