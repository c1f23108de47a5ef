using Harness.Core;
using Harness.Train.Checkpoints;
using Harness.Train.Models;
using Harness.Train.Optim;
using Harness.Train.Torch;
using NUnit.Framework;

namespace Harness.Tests.Train;

/// <summary>Optimizer state export/import: a resumed run must continue exactly like an uninterrupted one.</summary>
[TestFixture]
public sealed class OptimizerStateTests
{
    private const int StepsBefore = 3;
    private const int StepsAfter = 3;

    private static readonly Func<IReadOnlyList<ParameterGroup>, Optimizer>[] Kinds =
    [
        groups => new AdamW(groups, 0.01),
        groups => new Adam(groups, 0.01),
        groups => new Sgd(groups, 0.05, momentum: 0.9, nesterov: true),
    ];

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(2)]
    public void SaveLoadAndContinueEqualsAnUninterruptedRun(int kind)
    {
        var create = Kinds[kind];
        var stateFile = Path.Combine(Path.GetTempPath(), $"optim-{Guid.NewGuid():N}.safetensors");
        var modelFile = Path.ChangeExtension(stateFile, ".model.safetensors");
        try
        {
            float[][] uninterrupted;
            Torch.ManualSeed(7);
            using (var model = Mlp.Create(4, [5], 3, batchNorm: true, dropout: 0))
            using (var optimizer = create(ParameterGroups.Split(model, 0.1).Groups))
            {
                Train(model, optimizer, 0, StepsBefore);
                ModuleState.Save(model, modelFile);
                SafeTensors.Save(stateFile, optimizer.NamedState(),
                    new Dictionary<string, string> { ["step"] = optimizer.StepCount.ToString(System.Globalization.CultureInfo.InvariantCulture) });
                Train(model, optimizer, StepsBefore, StepsAfter);
                uninterrupted = model.Parameters().Select(p => p.ToFloatArray()).ToArray();
            }

            Torch.ManualSeed(99); // a different initialization: everything must come from the files
            using var resumed = Mlp.Create(4, [5], 3, batchNorm: true, dropout: 0);
            using var resumedOptimizer = create(ParameterGroups.Split(resumed, 0.1).Groups);
            ModuleState.Load(resumed, modelFile);
            var (entries, metadata) = Harness.Core.Formats.SafeTensorsFile.Load(stateFile);
            Assert.That(entries, Is.Not.Empty);
            using (var scope = TensorScope.Begin())
            {
                var tensors = entries.Select(e => (e.Key, Tensor.FromArray(e.Value.ToFloats(), e.Value.Shape))).ToList();
                resumedOptimizer.LoadState(long.Parse(metadata["step"], System.Globalization.CultureInfo.InvariantCulture), tensors);
            }

            Assert.That(resumedOptimizer.StepCount, Is.EqualTo(StepsBefore));
            Train(resumed, resumedOptimizer, StepsBefore, StepsAfter);
            var continued = resumed.Parameters().Select(p => p.ToFloatArray()).ToArray();
            for (var i = 0; i < continued.Length; i++)
            {
                Assert.That(continued[i], Is.EqualTo(uninterrupted[i]), $"parameter {i}");
            }
        }
        finally
        {
            File.Delete(stateFile);
            File.Delete(modelFile);
        }
    }

    [Test]
    public void StateIsNamedBySlotAndParameter()
    {
        Torch.ManualSeed(3);
        using var model = Mlp.Create(4, [5], 3, batchNorm: false, dropout: 0);
        using var optimizer = new AdamW(ParameterGroups.Split(model, 0.1).Groups, 0.01);
        Assert.That(optimizer.NamedState(), Is.Empty, "no state before the first step");
        Train(model, optimizer, 0, 1);
        var names = optimizer.NamedState().Select(s => s.Name).ToList();
        Assert.That(names, Does.Contain("adamw.exp_avg.0.weight"));
        Assert.That(names, Does.Contain("adamw.exp_avg_sq.2.bias"));
        Assert.That(names, Has.Count.EqualTo(2 * model.NamedParameters().Count()));

        using var sgd = new Sgd(ParameterGroups.Split(model, 0.1).Groups, 0.1);
        Train(model, sgd, 0, 1);
        Assert.That(sgd.NamedState(), Is.Empty, "plain SGD keeps no state");
    }

    [Test]
    public void LoadStateRejectsStateThatDoesNotFitAndChangesNothing()
    {
        Torch.ManualSeed(4);
        using var model = Mlp.Create(4, [5], 3, batchNorm: false, dropout: 0);
        using var optimizer = new AdamW(ParameterGroups.Split(model, 0.1).Groups, 0.01);
        using var scope = TensorScope.Begin();
        var wrongShape = Tensor.Zeros([2, 2]);
        var right = Tensor.Zeros([5, 4]);
        var error = Assert.Throws<UsageException>(() => optimizer.LoadState(1,
        [
            ("adamw.exp_avg.0.weight", wrongShape), ("adamw.exp_avg_sq.0.weight", right),
            ("adamw.exp_avg.2.weight", Tensor.Zeros([3, 5])), ("adamw.momentum.0.bias", right),
        ]));
        Assert.That(error!.Message, Does.Contain("'adamw.exp_avg.0.weight' has shape [2, 2]"));
        Assert.That(error.Message, Does.Contain("parameter '2.weight' has only 1 of its 2"));
        Assert.That(error.Message, Does.Contain("unexpected 'adamw.momentum.0.bias'"));
        Assert.That(optimizer.StepCount, Is.Zero);
        Assert.That(optimizer.NamedState(), Is.Empty);
    }

    private static void Train(Harness.Train.Modules.Module model, Optimizer optimizer, int firstStep, int steps)
    {
        for (var s = firstStep; s < firstStep + steps; s++)
        {
            using var scope = TensorScope.Begin();
            Torch.ManualSeed((ulong)(1000 + s)); // the batch depends on the step only
            var x = Tensor.Randn([8, 4]);
            var y = Tensor.FromArray(Enumerable.Range(0, 8).Select(i => (long)((i + s) % 3)).ToArray(), [8]);
            optimizer.ClearGrad();
            Functional.CrossEntropy(model.Forward(x), y).Backward();
            optimizer.Step();
        }
    }
}
