using Harness.Train.Losses;
using Harness.Train.Models;
using Harness.Train.Optim;
using Harness.Train.Regularization;
using Harness.Train.Torch;
using NUnit.Framework;

namespace Harness.Tests.Train;

/// <summary>The regularization stack frees its own temporaries: called outside any scope, nothing leaks.</summary>
[TestFixture]
public sealed class RegularizationMemoryTests
{
    [Test]
    public void FiftyFullyRegularizedStepsLeaveTheLiveTensorCountWhereItStarted()
    {
        Torch.ManualSeed(12);
        using var model = Mlp.Create(6, [8], 3, batchNorm: true, dropout: 0);
        var split = ParameterGroups.Split(model, 0.01);
        var decayed = split.Groups[0].Parameters;
        using var optimizer = new Sgd(split.Groups, 0.05, momentum: 0.9, nesterov: true);
        using var ema = new ModelEma(model, 0.99);
        using var stopping = new EarlyStopping(patience: 1000);
        var penalty = new ElasticNetPenalty(1e-4, 1e-3);
        var weightNoise = new WeightNoise(0.01);
        var gradientNoise = new GradientNoise(0.01);
        var maxNorm = new MaxNormConstraint(2.0);
        var distillation = new DistillationLoss(2.0, 0.5);
        var parameters = model.Parameters().ToList();

        Step(0); // creates the momentum buffers, which live on
        var before = NativeTensors.SettledLiveCount();
        for (var step = 1; step <= 50; step++)
        {
            Step(step);
        }

        Assert.That(NativeTensors.SettledLiveCount(), Is.EqualTo(before));

        void Step(int step)
        {
            optimizer.ClearGrad();
            using (weightNoise.Perturb(decayed))
            using (var x = Tensor.Randn([5, 6]))
            using (var teacher = Tensor.Randn([5, 3]))
            using (var labels = Tensor.FromArray([0L, 1L, 2L, 1L, 0L], [5]))
            using (var logits = model.Forward(x))
            using (var smoothed = LabelSmoothing.CrossEntropy(logits, labels, 0.1))
            using (var kd = distillation.Compute(logits, teacher, labels))
            using (var reg = penalty.Compute(decayed))
            using (var partial = smoothed + kd)
            using (var loss = partial + reg)
            {
                loss.Backward();
            }

            GradientClipping.ClipByGlobalNorm(parameters, 1.0);
            GradientClipping.ClipByValue(parameters, 0.5);
            gradientNoise.Apply(parameters, step);
            optimizer.Step();
            maxNorm.Apply(decayed);
            ema.Update(model);
            stopping.Observe(1.0 / (1 + step), model);
        }
    }
}
