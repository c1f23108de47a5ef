using Harness.Export.Exporting;
using Harness.Export.Onnx;
using Harness.Export.Onnx.Proto;
using Harness.Export.Probe;
using Harness.Tests.Infer.Gate.Mutants;
using Harness.Train.Models;
using Harness.Train.Optim;
using Harness.Train.Torch;
using NUnit.Framework;

namespace Harness.Tests.Infer.Gate;

/// <summary>
/// A good model for the gate: its deployment graph, its MC-dropout graph (built by <see cref="McGraphs"/>) and its
/// probe (the producer's own eval-mode outputs).
/// </summary>
internal sealed record GoodModel(string Name, ModelProto Deployment, ModelProto Mc, ModelProbe Probe)
{
    public override string ToString() => Name;
}

/// <summary>
/// The good models every test of the gate uses: ours (a tiny MLP with BatchNorm and dropout trained with libtorch and
/// exported by <see cref="DeploymentExporter"/>) and the PyTorch exports of Tests/Data/Gate (make_torch_models.py).
/// </summary>
internal static class GateModels
{
    public const string Ours = "harness_mlp";
    public const string TorchMlp = "torch_mlp";
    public const string TorchCnn = "torch_cnn";
    public const string TorchRegressor = "torch_regressor";

    /// <summary>Dropout probability of the test MC graphs (PyTorch's models use 0.3 and 0.2; ours 0.3).</summary>
    private static readonly Dictionary<string, float> McDropout = new()
    {
        [Ours] = 0.3f, [TorchMlp] = 0.3f, [TorchCnn] = 0.2f, [TorchRegressor] = 0.2f,
    };

    private static readonly Lazy<GoodModel> OursModel = new(TrainOurs);
    private static readonly Dictionary<string, GoodModel> Loaded = new();

    public static string[] Names { get; } = [Ours, TorchMlp, TorchCnn, TorchRegressor];

    public static string Folder => Path.Combine(TestContext.CurrentContext.TestDirectory, "Data", "Gate");

    /// <summary>The PyTorch model left in train mode at export (BatchNorm on batch statistics, dropout on).</summary>
    public static string TorchMlpTrainMode => Path.Combine(Folder, "torch_mlp_train.onnx");

    public static GoodModel Get(string name)
    {
        if (name == Ours)
        {
            return OursModel.Value;
        }

        lock (Loaded)
        {
            if (!Loaded.TryGetValue(name, out var model))
            {
                var deployment = OnnxModelReader.Read(Path.Combine(Folder, name + ".onnx"));
                model = new GoodModel(name, deployment, McGraphs.WithMcDropout(deployment, McDropout[name]),
                    ModelProbe.Load(Path.Combine(Folder, name + ".safetensors")));
                Loaded[name] = model;
            }

            return model;
        }
    }

    /// <summary>
    /// 10 features → Linear 32 → BatchNorm1d → ReLU → Dropout 0.3 → Linear 16 → BatchNorm1d → ReLU → Dropout 0.3 →
    /// Linear 4, trained 40 AdamW steps on seeded synthetic data whose features are N(1, 2²) (so the running
    /// statistics end far from 0 / 1), exported at opset 17 with a 16-sample probe of libtorch's eval outputs.
    /// </summary>
    private static GoodModel TrainOurs()
    {
        const int inputs = 10, classes = 4, batch = 64, probeSamples = 16;
        Torch.ManualSeed(5);
        using var model = Mlp.Create(inputs, [32, 16], classes, batchNorm: true, dropout: 0.3);
        var random = new Random(5);
        var w = Enumerable.Range(0, inputs * classes).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        float[] Features(int n) => Enumerable.Range(0, n * inputs).Select(_ => (float)(1 + 2 * Gaussian(random))).ToArray();

        using (var optimizer = new AdamW([new ParameterGroup(model.Parameters().ToList(), 0.01)], 1e-2))
        {
            for (var step = 0; step < 40; step++)
            {
                var x = Features(batch);
                var y = new long[batch];
                for (var i = 0; i < batch; i++)
                {
                    var scores = Enumerable.Range(0, classes)
                        .Select(c => Enumerable.Range(0, inputs).Sum(j => x[i * inputs + j] * w[j * classes + c])).ToArray();
                    y[i] = Array.IndexOf(scores, scores.Max());
                }

                using var scope = TensorScope.Begin();
                var loss = Functional.CrossEntropy(model.Forward(Tensor.FromArray(x, [batch, inputs])), Tensor.FromArray(y, [batch]));
                optimizer.ClearGrad();
                loss.Backward();
                optimizer.Step();
            }
        }

        model.Eval();
        var probeInputs = Features(probeSamples);
        float[] probeOutputs;
        using (Torch.NoGrad())
        using (TensorScope.Begin())
        {
            probeOutputs = model.Forward(Tensor.FromArray(probeInputs, [probeSamples, inputs])).ToFloatArray();
        }

        // BatchNorm kept as BatchNormalization nodes (not folded into the Gemms): the mutants need them to break.
        var deployment = DeploymentExporter.Export(model, [inputs], new OnnxModelInfo { Opset = 17 },
            new GraphExportSettings { FoldBatchNorm = false });
        var probe = new ModelProbe(DeploymentExporter.InputName, [probeSamples, inputs], probeInputs,
            DeploymentExporter.OutputName, [probeSamples, classes], probeOutputs, Tolerances.TrainerVsOrt);
        return new GoodModel(Ours, deployment, McGraphs.WithMcDropout(deployment, 0.3f), probe);
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2.0 * Math.Log(1.0 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
