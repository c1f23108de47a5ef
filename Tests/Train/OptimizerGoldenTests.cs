using System.Text.Json;
using Harness.Tests.Golden;
using Harness.Train.Optim;
using Harness.Train.Torch;
using NUnit.Framework;

namespace Harness.Tests.Train;

/// <summary>Adam (L2 in the gradient) and SGD against torch.optim (Tests/Golden/make_golden_optim.py).</summary>
[TestFixture]
public sealed class OptimizerGoldenTests
{
    private static readonly JsonElement Golden = GoldenData.Load("optim_golden.json");

    [Test]
    public void AdamWithWeightDecayEqualsTorchAdamStepForStep()
    {
        var g = Golden.GetProperty("adam_l2");
        RunAgainstGolden(g, groups => new Adam(groups, g.GetProperty("lr").GetDouble(), g.GetProperty("beta1").GetDouble(),
            g.GetProperty("beta2").GetDouble(), g.GetProperty("eps").GetDouble()));
    }

    [TestCase("sgd_plain")]
    [TestCase("sgd_momentum")]
    [TestCase("sgd_dampened")]
    [TestCase("sgd_nesterov")]
    public void SgdEqualsTorchSgdStepForStep(string name)
    {
        var g = Golden.GetProperty(name);
        RunAgainstGolden(g, groups => new Sgd(groups, g.GetProperty("lr").GetDouble(), g.GetProperty("momentum").GetDouble(),
            g.GetProperty("nesterov").GetBoolean(), g.GetProperty("dampening").GetDouble()));
    }

    [Test]
    public void AdamAndAdamWDifferWhenDecayIsOn()
    {
        // The comparison mode must really be a different rule: with the same data and decay the paths part.
        var g = Golden.GetProperty("adam_l2");
        var adam = Run(g, groups => new Adam(groups, 0.01));
        var adamW = Run(g, groups => new AdamW(groups, 0.01));
        Assert.That(adam.Zip(adamW).Max(p => Math.Abs(p.First - p.Second)), Is.GreaterThan(1e-4));
    }

    [Test]
    public void RejectsInvalidHyperParameters()
    {
        using var p = Tensor.Ones([2]);
        ParameterGroup[] groups = [new ParameterGroup([p], 0)];
        Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd(groups, 0.1, momentum: 1.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd(groups, 0.1, dampening: -0.1));
        Assert.Throws<ArgumentException>(() => new Sgd(groups, 0.1, momentum: 0, nesterov: true));
        Assert.Throws<ArgumentException>(() => new Sgd(groups, 0.1, momentum: 0.9, nesterov: true, dampening: 0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Adam(groups, 0.1, beta2: 1.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Adam(groups, 0.1, eps: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd([new ParameterGroup([p], -1)], 0.1));
        Assert.Throws<ArgumentException>(() => new Sgd([new ParameterGroup([p], 0), new ParameterGroup([p], 0)], 0.1));
        Assert.Throws<ArgumentException>(() => new Sgd([new ParameterGroup([p], 0, "g", ["a", "b"])], 0.1));
    }

    private static void RunAgainstGolden(JsonElement g, Func<IReadOnlyList<ParameterGroup>, Optimizer> create)
    {
        var steps = g.GetProperty("steps").GetInt32();
        var wd = g.GetProperty("weight_decay").GetDouble();
        using var scope = TensorScope.Begin();
        var (w, b, x, y) = Problem(g);
        using var optimizer = create([new ParameterGroup([w, b], wd)]);
        for (var s = 0; s < steps; s++)
        {
            Step(optimizer, w, b, x, y);
            Assert.That(w.ToFloatArray(), Is.EqualTo(g.GetProperty("w")[s].Floats()).Within(Tolerances.OptimVsPyTorch),
                $"weights after step {s + 1}");
            Assert.That(b.ToFloatArray(), Is.EqualTo(g.GetProperty("b")[s].Floats()).Within(Tolerances.OptimVsPyTorch),
                $"bias after step {s + 1}");
        }
    }

    private static float[] Run(JsonElement g, Func<IReadOnlyList<ParameterGroup>, Optimizer> create)
    {
        using var scope = TensorScope.Begin();
        var (w, b, x, y) = Problem(g);
        using var optimizer = create([new ParameterGroup([w, b], 0.5)]);
        for (var s = 0; s < 4; s++)
        {
            Step(optimizer, w, b, x, y);
        }

        return w.ToFloatArray();
    }

    internal static (Tensor W, Tensor B, Tensor X, Tensor Y) Problem(JsonElement g)
    {
        var w = Tensor.FromArray(g.GetProperty("w0").Floats(), [3, 4]);
        var b = Tensor.FromArray(g.GetProperty("b0").Floats(), [3]);
        w.RequiresGrad = true;
        b.RequiresGrad = true;
        return (w, b, Tensor.FromArray(g.GetProperty("x").Floats(), [5, 4]), Tensor.FromArray(g.GetProperty("y").Longs(), [5]));
    }

    internal static void Step(Optimizer optimizer, Tensor w, Tensor b, Tensor x, Tensor y)
    {
        using var scope = TensorScope.Begin();
        optimizer.ClearGrad();
        Functional.CrossEntropy(Functional.Linear(x, w, b), y).Backward();
        optimizer.Step();
    }
}
