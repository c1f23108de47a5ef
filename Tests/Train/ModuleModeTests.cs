using Harness.Train.Modules;
using Harness.Train.Torch;
using NUnit.Framework;

namespace Harness.Tests.Train;

[TestFixture]
public sealed class ModuleModeTests
{
    /// <summary>Nested containers: the outer Eval() must reach the inner Dropout and BatchNorm.</summary>
    private static Sequential NestedNet() =>
        new(new Sequential(new Linear(6, 16), new BatchNorm1d(16), new ReLU(), new Dropout(0.5)),
            new Sequential(new Sequential(new Linear(16, 8), new BatchNorm1d(8), new Dropout(0.3))),
            new Linear(8, 3));

    [Test]
    public void EvalOnTheTopModuleReachesEveryNestedModule()
    {
        using var net = NestedNet();
        net.Eval();
        Assert.That(net.NamedModules().Select(m => m.Module.IsTraining), Is.All.False);
        net.Train();
        Assert.That(net.NamedModules().Select(m => m.Module.IsTraining), Is.All.True);
    }

    [Test]
    public void InEvalModeOutputsAreDeterministicAndBatchIndependent()
    {
        Torch.ManualSeed(3);
        using var net = NestedNet();
        using var scope = TensorScope.Begin();
        // A few training passes so the running statistics are not the initial 0/1.
        for (var i = 0; i < 3; i++)
        {
            net.Forward(Tensor.Randn([32, 6]) * 3 + 1);
        }

        net.Eval();
        var batch = Tensor.Randn([8, 6]);
        var first = net.Forward(batch).ToFloatArray();
        var second = net.Forward(batch).ToFloatArray();
        Assert.That(second, Is.EqualTo(first), "eval output must not depend on the call (dropout off)");

        for (var i = 0; i < 8; i++)
        {
            var alone = net.Forward(batch.Narrow(0, i, 1)).ToFloatArray();
            Assert.That(alone, Is.EqualTo(first.AsSpan(i * 3, 3).ToArray()).Within(1e-5),
                $"sample {i} alone must equal its row in the batch (BatchNorm on running statistics)");
        }
    }

    [Test]
    public void InTrainingModeDropoutSamplesAndBatchNormUsesBatchStatistics()
    {
        Torch.ManualSeed(4);
        using var net = NestedNet();
        using var scope = TensorScope.Begin();
        var batch = Tensor.Randn([8, 6]);
        var first = net.Forward(batch).ToFloatArray();
        var second = net.Forward(batch).ToFloatArray();
        Assert.That(second, Is.Not.EqualTo(first), "the control: training mode is stochastic");
    }

    [Test]
    public void BatchNormTracksRunningStatisticsWithPyTorchsConventions()
    {
        using var bn = new BatchNorm1d(2, momentum: 0.1);
        using var scope = TensorScope.Begin();
        float[] data = [1, 10, 2, 20, 3, 30, 6, 40];
        bn.Forward(Tensor.FromArray(data, [4, 2]));

        // Closed form: running = 0.9·initial + 0.1·batch, with the unbiased variance (n − 1 = 3).
        double[] mean = [3, 25];
        double[] unbiasedVar = [(4 + 1 + 0 + 9) / 3.0, (225 + 25 + 25 + 225) / 3.0];
        Assert.That(bn.RunningMean.ToFloatArray(), Is.EqualTo(mean.Select(m => (float)(0.1 * m))).Within(1e-6));
        Assert.That(bn.RunningVar.ToFloatArray(), Is.EqualTo(unbiasedVar.Select(v => (float)(0.9 + 0.1 * v))).Within(1e-5));
        Assert.That(bn.NumBatchesTracked.ToInt64Array(), Is.EqualTo(new long[] { 1 }));
    }

    [Test]
    public void BatchNormRefusesOneSampleTrainingBatch()
    {
        using var bn = new BatchNorm1d(4);
        using var x = Tensor.Ones([1, 4]);
        var error = Assert.Throws<TorchException>(() => bn.Forward(x));
        Assert.That(error!.Message, Does.Contain("more than 1 value per channel"));
        bn.Eval();
        using var y = bn.Forward(x);
        Assert.That(y.Shape, Is.EqualTo(new long[] { 1, 4 }));
    }

    [Test]
    public void StateNamesFollowPyTorchsStateDict()
    {
        using var net = new Sequential(new Linear(4, 3), new BatchNorm1d(3), new ReLU(), new Dropout(0.2), new Linear(3, 2));
        Assert.That(net.NamedState().Select(s => s.Name), Is.EqualTo(new[]
        {
            "0.weight", "0.bias", "1.weight", "1.bias", "4.weight", "4.bias",
            "1.running_mean", "1.running_var", "1.num_batches_tracked",
        }));
    }
}
