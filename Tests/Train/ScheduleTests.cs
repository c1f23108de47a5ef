using Harness.Tests.Golden;
using Harness.Train.Configuration;
using Harness.Train.Optim;
using Harness.Train.Schedules;
using Harness.Train.Torch;
using NUnit.Framework;

namespace Harness.Tests.Train;

/// <summary>Schedules against PyTorch's LinearLR + CosineAnnealingLR (SequentialLR) and StepLR.</summary>
[TestFixture]
public sealed class ScheduleTests
{
    /// <summary>Both sides compute in double; PyTorch's chained form accumulates a few ulps.</summary>
    private const double LrTolerance = 1e-12;

    [Test]
    public void WarmupThenCosineEqualsTorchSequentialLr()
    {
        var g = GoldenData.Load("optim_golden.json").GetProperty("warmup_cosine");
        double baseLr = g.GetProperty("base_lr").GetDouble(), start = g.GetProperty("warmup_start_lr").GetDouble(),
            min = g.GetProperty("min_lr").GetDouble();
        long warmup = g.GetProperty("warmup_steps").GetInt64(), total = g.GetProperty("total_steps").GetInt64();
        var schedule = new WarmupSchedule(new CosineSchedule(baseLr, total - warmup, min), warmup, start);
        var fromOptions = ScheduleFactory.Create(
            new ScheduleOptions { Kind = "cosine", WarmupSteps = (int)warmup, WarmupStartLr = start, MinLr = min }, baseLr, 1, total);

        var expected = g.GetProperty("lr").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        for (var t = 0; t < expected.Length; t++)
        {
            Assert.That(schedule.LearningRate(t), Is.EqualTo(expected[t]).Within(LrTolerance), $"step {t}");
            Assert.That(fromOptions.LearningRate(t), Is.EqualTo(expected[t]).Within(LrTolerance), $"step {t} (options)");
        }

        Assert.That(schedule.LearningRate(total + 10), Is.EqualTo(min));
    }

    [Test]
    public void StepDecayEqualsTorchStepLr()
    {
        var g = GoldenData.Load("optim_golden.json").GetProperty("step_lr");
        var schedule = new StepDecaySchedule(g.GetProperty("base_lr").GetDouble(), g.GetProperty("step_size").GetInt64(),
            g.GetProperty("gamma").GetDouble());
        var expected = g.GetProperty("lr").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        for (var t = 0; t < expected.Length; t++)
        {
            Assert.That(schedule.LearningRate(t), Is.EqualTo(expected[t]).Within(LrTolerance), $"step {t}");
        }
    }

    [Test]
    public void StepKindCountsEpochsAndApplyToSetsTheOptimizersRate()
    {
        var schedule = ScheduleFactory.Create(new ScheduleOptions { Kind = "step", StepSize = 2, Gamma = 0.5, WarmupEpochs = 0 }, 0.4, 10, 100);
        Assert.That(schedule.LearningRate(19), Is.EqualTo(0.4));
        Assert.That(schedule.LearningRate(20), Is.EqualTo(0.2));
        Assert.That(ScheduleFactory.Create(new ScheduleOptions { Kind = "constant", WarmupEpochs = 0 }, 0.3, 10, 100).LearningRate(57), Is.EqualTo(0.3));

        using var p = Tensor.Ones([1]);
        using var optimizer = new Sgd([new ParameterGroup([p], 0)], 1.0);
        Assert.That(schedule.ApplyTo(optimizer), Is.EqualTo(0.4));
        Assert.That(optimizer.LearningRate, Is.EqualTo(0.4));
    }

    [Test]
    public void RejectsInvalidArguments()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new CosineSchedule(0.1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CosineSchedule(0.1, 10, 0.2));
        Assert.Throws<ArgumentOutOfRangeException>(() => new StepDecaySchedule(0.1, 0, 0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new StepDecaySchedule(0.1, 1, 1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ConstantSchedule(0.1).LearningRate(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            ScheduleFactory.Create(new ScheduleOptions { Kind = "cosine", WarmupSteps = 10 }, 0.1, 1, 10));
    }
}
