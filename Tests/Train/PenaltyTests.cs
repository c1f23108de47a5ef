using Harness.Train.Regularization;
using Harness.Train.Torch;
using NUnit.Framework;

namespace Harness.Tests.Train;

/// <summary>Each penalty's value and gradient against its documented closed form.</summary>
[TestFixture]
public sealed class PenaltyTests
{
    private static readonly float[] W1 = [0.5f, -1.5f, 2.0f, -0.25f, 3.0f, -0.75f];
    private static readonly float[] W2 = [-2.0f, 0.125f, 1.0f];

    [Test]
    public void L1GradientIsLambdaTimesSign()
    {
        const double lambda = 0.3;
        var (value, g1, g2) = Evaluate(new L1Penalty(lambda));
        Assert.That(value, Is.EqualTo(lambda * W1.Concat(W2).Sum(Math.Abs)).Within(Tolerances.Float32ClosedForm));
        Assert.That(g1, Is.EqualTo(W1.Select(w => lambda * Math.Sign(w))).Within(Tolerances.Float32ClosedForm));
        Assert.That(g2, Is.EqualTo(W2.Select(w => lambda * Math.Sign(w))).Within(Tolerances.Float32ClosedForm));
    }

    [Test]
    public void L2IsHalfLambdaTimesSquaredNormWithGradientLambdaW()
    {
        const double lambda = 0.2;
        var (value, g1, g2) = Evaluate(new L2Penalty(lambda));
        Assert.That(value, Is.EqualTo(lambda / 2 * W1.Concat(W2).Sum(w => (double)w * w)).Within(Tolerances.Float32ClosedForm));
        Assert.That(g1, Is.EqualTo(W1.Select(w => lambda * w)).Within(Tolerances.Float32ClosedForm));
        Assert.That(g2, Is.EqualTo(W2.Select(w => lambda * w)).Within(Tolerances.Float32ClosedForm));
    }

    [Test]
    public void ElasticNetGradientIsTheSumOfBothTerms()
    {
        const double lambda = 0.4, ratio = 0.25;
        var (value, g1, g2) = Evaluate(ElasticNetPenalty.FromRatio(lambda, ratio));
        double Expected(float w) => lambda * (ratio * Math.Sign(w) + (1 - ratio) * w);
        var all = W1.Concat(W2).ToArray();
        Assert.That(value, Is.EqualTo(lambda * (ratio * all.Sum(Math.Abs) + (1 - ratio) / 2 * all.Sum(w => (double)w * w)))
            .Within(Tolerances.Float32ClosedForm));
        Assert.That(g1, Is.EqualTo(W1.Select(Expected)).Within(Tolerances.Float32ClosedForm));
        Assert.That(g2, Is.EqualTo(W2.Select(Expected)).Within(Tolerances.Float32ClosedForm));
    }

    [Test]
    public void RejectsInvalidStrengths()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new L1Penalty(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new L2Penalty(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => ElasticNetPenalty.FromRatio(0.1, 1.5));
        Assert.Throws<ArgumentException>(() => new L2Penalty(0.1).Compute([]));
    }

    private static (double Value, float[] Grad1, float[] Grad2) Evaluate(IParameterPenalty penalty)
    {
        using var scope = TensorScope.Begin();
        var p1 = Tensor.FromArray(W1, [2, 3]);
        var p2 = Tensor.FromArray(W2, [3]);
        p1.RequiresGrad = true;
        p2.RequiresGrad = true;
        var value = penalty.Compute([p1, p2]);
        value.Backward();
        return (value.Item(), p1.Grad()!.ToFloatArray(), p2.Grad()!.ToFloatArray());
    }
}
