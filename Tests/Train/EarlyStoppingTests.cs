using Harness.Train.Models;
using Harness.Train.Modules;
using Harness.Train.Regularization;
using Harness.Train.Torch;
using NUnit.Framework;

namespace Harness.Tests.Train;

[TestFixture]
public sealed class EarlyStoppingTests
{
    [Test]
    public void StopsAfterPatienceAndRestoresTheBestEpochsWeights()
    {
        // 0.79 beats 0.80 by more than min_delta 0.005 (improves); 0.795 does not; stop after 2 bad epochs.
        double[] losses = [1.0, 0.8, 0.85, 0.79, 0.795, 0.81, 0.7];
        Torch.ManualSeed(1);
        using var model = Mlp.Create(2, [3], 2, batchNorm: true, dropout: 0);
        using var stopping = new EarlyStopping(patience: 2, minDelta: 0.005);
        var stoppedAt = -1;
        for (var epoch = 0; epoch < losses.Length; epoch++)
        {
            SetState(model, epoch);
            if (stopping.Observe(losses[epoch], model))
            {
                stoppedAt = epoch;
                break;
            }
        }

        Assert.That(stoppedAt, Is.EqualTo(5));
        Assert.That(stopping.BestIndex, Is.EqualTo(3));
        Assert.That(stopping.BestValue, Is.EqualTo(0.79));
        Assert.That(stopping.RestoreBest(model), Is.True);
        foreach (var (name, tensor) in model.NamedState())
        {
            Assert.That(tensor.ToFloatArray(), Has.All.EqualTo(3f), name);
        }
    }

    [Test]
    public void MinDeltaDecidesWhatCountsAsAnImprovement()
    {
        var strict = new EarlyStopping(patience: 1, minDelta: 0.02, restoreBestWeights: false);
        Assert.That(strict.Observe(1.0), Is.False);
        Assert.That(strict.Observe(0.99), Is.True, "0.01 better is not better than min_delta 0.02");

        var max = new EarlyStopping(patience: 1, mode: EarlyStoppingMode.Max, restoreBestWeights: false);
        Assert.That(max.Observe(0.5), Is.False);
        Assert.That(max.Observe(0.6), Is.False);
        Assert.That(max.Observe(double.NaN), Is.True, "NaN never improves");
        Assert.That(max.BestValue, Is.EqualTo(0.6));
    }

    [Test]
    public void RejectsInvalidSettings()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new EarlyStopping(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new EarlyStopping(3, minDelta: -1));
        Assert.Throws<ArgumentNullException>(() => new EarlyStopping(3).Observe(1.0));
    }

    private static void SetState(Module model, double value)
    {
        using var noGrad = Torch.NoGrad();
        foreach (var (_, tensor) in model.NamedState())
        {
            tensor.Fill(value);
        }
    }
}
