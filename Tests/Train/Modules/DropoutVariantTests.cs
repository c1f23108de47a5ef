using Harness.Train.Modules;
using Harness.Train.Torch;
using NUnit.Framework;

namespace Harness.Tests.Train.Modules;

[TestFixture]
public sealed class DropoutVariantTests
{
    [Test]
    public void Dropout2dZeroesWholeChannelsAndPreservesTheMeanInExpectation()
    {
        const double p = 0.3;
        const int n = 64, c = 64, plane = 4; // 4096 channels of 2×2
        Torch.ManualSeed(21);
        using var drop = new Dropout2d(p);
        using var scope = TensorScope.Begin();
        var y = drop.Forward(Tensor.Ones([n, c, 2, 2])).ToFloatArray();

        var kept = (float)(1 / (1 - p));
        var dropped = 0;
        for (var ch = 0; ch < n * c; ch++)
        {
            var values = y.AsSpan(ch * plane, plane).ToArray();
            Assert.That(values, Is.All.EqualTo(values[0]), $"channel {ch} must be dropped or kept as a whole");
            Assert.That(values[0], Is.EqualTo(0).Or.EqualTo(kept).Within(1e-6), $"channel {ch}: 0 or 1/(1-p)");
            dropped += values[0] == 0 ? 1 : 0;
        }

        // Bernoulli(p) per channel: the dropped fraction has σ = √(p(1−p)/M); the output mean is 1 in expectation
        // with σ = √(p/(1−p)/M) (each channel is 0 or 1/(1−p)).
        const int m = n * c;
        Assert.That(dropped / (double)m, Is.EqualTo(p).Within(Tolerances.MaskStatisticSigmas * Math.Sqrt(p * (1 - p) / m)));
        Assert.That(y.Average(), Is.EqualTo(1).Within(Tolerances.MaskStatisticSigmas * Math.Sqrt(p / (1 - p) / m)));

        drop.Eval();
        using var x = Tensor.Randn([2, 3, 2, 2]);
        Assert.That(drop.Forward(x).ToFloatArray(), Is.EqualTo(x.ToFloatArray()), "identity in eval");
    }

    [Test]
    public void DropConnectMasksIndividualWeightsInTrainingAndIsExactlyLinearInEval()
    {
        const double p = 0.25;
        const int inputs = 64, outputs = 32;
        Torch.ManualSeed(22);
        using var layer = new DropConnectLinear(inputs, outputs, p);
        Assert.That(layer.NamedParameters().Select(s => s.Name), Is.EqualTo(new[] { "weight", "bias" }), "Linear's names");
        using var scope = TensorScope.Begin();
        var eye = Eye(inputs);
        var twice = Tensor.Cat([eye, eye]);
        var w = layer.Weight.ToFloatArray();
        var b = layer.Bias!.ToFloatArray();

        // With x = I, row i of the output is column i of the effective weights plus the bias.
        var y = layer.Forward(twice);
        var rows = y.ToFloatArray();
        Assert.That(rows.AsSpan(inputs * outputs).ToArray(), Is.EqualTo(rows.AsSpan(0, inputs * outputs).ToArray()),
            "one mask per forward pass, shared by the batch");
        // The mask is part of the graph: d(Σy)/dW = 2 · m / (1 − p) (two copies of I), so the gradient names the
        // dropped weights exactly (0) and the kept ones (2/(1 − p)).
        y.Sum().Backward();
        var grad = layer.Weight.Grad()!.ToFloatArray();
        Assert.That(grad, Is.All.EqualTo(0).Or.EqualTo((float)(2 / (1 - p))).Within(1e-5));
        var zeros = 0;
        for (var o = 0; o < outputs; o++)
        {
            for (var i = 0; i < inputs; i++)
            {
                var effective = rows[i * outputs + o] - b[o];
                var isDropped = grad[o * inputs + i] == 0;
                zeros += isDropped ? 1 : 0;
                Assert.That(effective, Is.EqualTo(isDropped ? 0 : w[o * inputs + i] / (1 - p)).Within(1e-6),
                    $"weight [{o}, {i}] is dropped (0) or kept and scaled by 1/(1-p), consistently with its gradient");
            }
        }

        const int count = inputs * outputs;
        Assert.That(zeros / (double)count, Is.EqualTo(p).Within(Tolerances.MaskStatisticSigmas * Math.Sqrt(p * (1 - p) / count)),
            "each weight drops independently with probability p");

        var x = Tensor.Randn([5, inputs]);
        var linear = Functional.Linear(x, layer.Weight, layer.Bias);
        Assert.That(layer.Forward(x).ToFloatArray(), Is.Not.EqualTo(linear.ToFloatArray()), "training is not plain Linear");
        layer.Eval();
        Assert.That(layer.Forward(x).ToFloatArray(), Is.EqualTo(linear.ToFloatArray()), "eval is exactly Linear");
        Assert.Throws<ArgumentOutOfRangeException>(() => new DropConnectLinear(4, 4, 1.0));
    }

    [Test]
    public void DropPathDropsWholeSamplesInTrainingAndIsTheIdentityInEvalOrAtZero()
    {
        const double p = 0.25;
        const int n = 4096, perSample = 8;
        Torch.ManualSeed(23);
        using var drop = new DropPath(p);
        using var scope = TensorScope.Begin();
        var y = drop.Forward(Tensor.Ones([n, 2, 2, 2])).ToFloatArray();
        var kept = (float)(1 / (1 - p));
        var keptSamples = 0;
        for (var s = 0; s < n; s++)
        {
            var values = y.AsSpan(s * perSample, perSample).ToArray();
            Assert.That(values, Is.All.EqualTo(values[0]), $"sample {s} must be dropped or kept as a whole");
            Assert.That(values[0], Is.EqualTo(0).Or.EqualTo(kept).Within(1e-6));
            keptSamples += values[0] != 0 ? 1 : 0;
        }

        Assert.That(keptSamples / (double)n, Is.EqualTo(1 - p).Within(Tolerances.MaskStatisticSigmas * Math.Sqrt(p * (1 - p) / n)));
        Assert.That(y.Average(), Is.EqualTo(1).Within(Tolerances.MaskStatisticSigmas * Math.Sqrt(p / (1 - p) / n)));

        // Rank 2 works too (mask [N, 1]).
        var flat = drop.Forward(Tensor.Ones([64, 3])).ToFloatArray();
        Assert.That(Enumerable.Range(0, 64).Select(s => flat[3 * s] == flat[3 * s + 1] && flat[3 * s] == flat[3 * s + 2]), Is.All.True);

        var x = Tensor.Randn([6, 3, 2, 2]);
        using var zero = new DropPath(0);
        Assert.That(zero.Forward(x).ToFloatArray(), Is.EqualTo(x.ToFloatArray()), "p = 0 is the identity in training");
        drop.Eval();
        var evaluated = drop.Forward(x);
        Assert.That(evaluated, Is.Not.SameAs(x), "a new handle the caller may dispose");
        Assert.That(evaluated.ToFloatArray(), Is.EqualTo(x.ToFloatArray()), "identity in eval");
        Assert.Throws<ArgumentOutOfRangeException>(() => new DropPath(-0.1));
    }

    private static Tensor Eye(int n)
    {
        var data = new float[n * n];
        for (var i = 0; i < n; i++)
        {
            data[i * n + i] = 1;
        }

        return Tensor.FromArray(data, [n, n]);
    }
}
