using Harness.Export.Exporting;
using Harness.Export.Onnx;
using Harness.Infer.Ort;
using Harness.Infer.Parity;
using Harness.Train.Models;
using Harness.Train.Optim;
using Harness.Train.Torch;
using NUnit.Framework;

namespace Harness.Tests.Pipeline;

/// <summary>
/// Train (libtorch) → export (our ONNX writer) → ONNX Runtime: the deployment graph must give the trainer's
/// eval-mode logits, for several batch sizes, after training moved the BatchNorm statistics away from 0/1.
/// </summary>
[TestFixture]
public sealed class TrainerOrtParityTests
{
    private const int Inputs = 784;
    private const int Classes = 10;

    [TestCase(1)]
    [TestCase(7)]
    [TestCase(256)]
    public void DeploymentGraphInOrtMatchesTrainerEvalOutput(int batch)
    {
        Torch.ManualSeed(21);
        using var model = Mlp.Create(Inputs, [256], Classes, batchNorm: true, dropout: 0.2);
        TrainOnSyntheticData(model);
        model.Eval();

        var random = new Random(3);
        var x = new float[batch * Inputs];
        for (var i = 0; i < x.Length; i++)
        {
            x[i] = (float)(random.NextDouble() * 4 - 1);
        }

        float[] expected;
        using (Torch.NoGrad())
        using (TensorScope.Begin())
        {
            expected = model.Forward(Tensor.FromArray(x, [batch, Inputs])).ToFloatArray();
        }

        var onnx = OnnxModelWriter.ToBytes(DeploymentExporter.Export(model, [Inputs], new OnnxModelInfo()));
        using var session = OrtSession.FromBytes(onnx);
        using var runner = new OrtRunner(session, batch);
        x.CopyTo(runner.Input(0));
        runner.Run();

        var diff = OutputComparison.MaxAbsDifference(expected, runner.Output(0));
        Assert.That(diff, Is.LessThanOrEqualTo(Tolerances.TrainerVsOrt), $"max |trainer − ORT| = {diff:E2}");
        Assert.That(expected.Max() - expected.Min(), Is.GreaterThan(1), "the control: logits are not all alike");
    }

    [Test]
    public void DeploymentGraphHasNoDropoutAndBatchNormInInferenceForm()
    {
        using var model = Mlp.Create(8, [4], 3, batchNorm: true, dropout: 0.5);
        var graph = DeploymentExporter.Export(model, [8], new OnnxModelInfo(), new GraphExportSettings { FoldBatchNorm = false }).Graph;
        Assert.That(graph.Node.Select(n => n.OpType), Is.EqualTo(new[] { "Gemm", "BatchNormalization", "Relu", "Gemm", "Identity" }));
        var folded = DeploymentExporter.Export(model, [8], new OnnxModelInfo()).Graph;
        Assert.That(folded.Node.Select(n => n.OpType), Is.EqualTo(new[] { "Gemm", "Relu", "Gemm", "Identity" }), "BN folded by default");
        var bn = graph.Node.Single(n => n.OpType == "BatchNormalization");
        Assert.That(bn.Attribute.Where(a => a.Name == "training_mode").Select(a => a.I), Is.All.EqualTo(0));
        Assert.That(graph.Input[0].Type.TensorType.Shape.Dim[0].DimParam, Is.EqualTo(DeploymentExporter.BatchDim));
    }

    private static void TrainOnSyntheticData(Harness.Train.Modules.Module model)
    {
        using var optimizer = new AdamW([new ParameterGroup(model.Parameters().ToList(), 0.01)], 1e-2);
        var random = new Random(9);
        var x = new float[32 * Inputs];
        var y = new long[32];
        for (var step = 0; step < 30; step++)
        {
            for (var i = 0; i < x.Length; i++)
            {
                x[i] = (float)(random.NextDouble() * 2 + 0.5);
            }

            for (var i = 0; i < y.Length; i++)
            {
                y[i] = random.Next(Classes);
            }

            using var scope = TensorScope.Begin();
            var loss = Functional.CrossEntropy(model.Forward(Tensor.FromArray(x, [32, Inputs])), Tensor.FromArray(y, [32]));
            optimizer.ClearGrad();
            loss.Backward();
            optimizer.Step();
        }
    }
}
