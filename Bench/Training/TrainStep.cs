using Harness.Train.Configuration;
using Harness.Train.Models;
using Harness.Train.Modules;
using Harness.Train.Optim;
using Harness.Train.Torch;

namespace Harness.Bench.Training;

/// <summary>
/// One training step of the harness — forward, cross-entropy, backward, AdamW step, reading the loss — on a fixed
/// random batch already in memory: the same work the C++ baseline (LibtorchBaseline/train_step_baseline.cpp) times.
/// </summary>
public sealed class TrainStep : IDisposable
{
    private readonly Module _model;
    private readonly Optimizer _optimizer;
    private readonly Tensor _x;
    private readonly Tensor _y;

    /// <param name="kind">"mlp" (784→256→BatchNorm→ReLU→Dropout→10) or "cnn" (the recipe's Cnn [32, 64, 128]).</param>
    public TrainStep(string kind, int batch)
    {
        Torch.ManualSeed(1);
        var options = kind == "mlp"
            ? new ModelOptions { Kind = "mlp", Hidden = [256], Norm = "batch", Dropout = 0.2 }
            : new ModelOptions { Kind = "cnn", Channels = [32, 64, 128], Norm = "batch", Dropout = 0.2 };
        var built = ModelFactory.Create(options, 1, 28, 28, 10);
        _model = built.Module;
        _model.Train();
        _optimizer = new AdamW([new ParameterGroup(_model.Parameters().ToList(), 0.01)], 1e-3);
        _x = Tensor.Randn([batch, .. built.InputShape]).DetachFromScope();
        var labels = new long[batch];
        for (var i = 0; i < batch; i++)
        {
            labels[i] = i % 10;
        }

        _y = Tensor.FromArray(labels, [batch]).DetachFromScope();
        Batch = batch;
    }

    public int Batch { get; }

    /// <summary>Runs one step and returns the loss.</summary>
    public double Run()
    {
        using var scope = TensorScope.Begin();
        _optimizer.ClearGrad();
        var loss = Functional.CrossEntropy(_model.Forward(_x), _y);
        loss.Backward();
        _optimizer.Step();
        return loss.Item();
    }

    public void Dispose()
    {
        _optimizer.Dispose();
        _model.Dispose();
        _x.Dispose();
        _y.Dispose();
    }
}
