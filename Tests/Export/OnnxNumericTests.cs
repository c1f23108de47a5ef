using System.Text.Json;
using Harness.Export.Onnx;
using NUnit.Framework;

namespace Harness.Tests.Export;

/// <summary>
/// An independent numeric check: a tiny Gemm → BatchNormalization → Relu → Gemm model with known constants is
/// written, then evaluated by a committed Python script that reads the constants and attributes back out of
/// the file (onnx.numpy_helper) and computes each node with PyTorch; the result must match the closed-form
/// computation below. ONNX 1.12 has no reference evaluator (onnx.reference came in 1.13), hence PyTorch.
/// Needs python3-onnx and python3-torch; ignored without.
/// </summary>
[TestFixture]
public sealed class OnnxNumericTests
{
    /// <summary>PyTorch computes in float32 (about 7 significant digits) and the closed form in double; a
    /// dozen operations on values of order 1 stay well within 1e-5.</summary>
    private const double Float32Tolerance = 1e-5;

    private const float Epsilon = 1e-5f;

    private static readonly float[] W1 = [0.5f, -1f, 0.25f, 1f, 0.5f, -0.5f, -0.75f, 0.25f, 1.5f, 0.1f, 0.2f, 0.3f];
    private static readonly float[] B1 = [0.1f, -0.2f, 0.3f, 0f];
    private static readonly float[] Scale = [1f, 2f, 0.5f, -1f];
    private static readonly float[] Shift = [0f, 0.5f, -0.5f, 1f];
    private static readonly float[] Mean = [0.2f, -0.1f, 0.4f, 0.3f];
    private static readonly float[] Variance = [1f, 4f, 0.25f, 2f];
    private static readonly float[] W2 = [1f, -1f, 0.5f, 2f, -0.5f, 0.25f, 1f, -1f];
    private static readonly float[] B2 = [0.05f, -0.05f];
    private static readonly float[][] Inputs = [[1f, 2f, 3f], [-1f, 0.5f, -2f], [0f, 0f, 0f]];

    [Test]
    public void TorchEvaluationOfTheFileMatchesClosedForm()
    {
        var python = PythonTools.RequireTorch();
        using var folder = new TempFolder();
        var path = folder.File("tiny.onnx");
        OnnxModelWriter.Write(OnnxModelWriter.CreateModel(TinyModel().Build(), new OnnxModelInfo()), path);

        var stdout = PythonTools.RunScript(python, "onnx_torch_eval.py", [path],
            JsonSerializer.Serialize(new Dictionary<string, float[][]> { ["x"] = Inputs }));
        var actual = JsonSerializer.Deserialize<Dictionary<string, double[][]>>(stdout)!["y"];

        var expected = Inputs.Select(ClosedForm).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(actual, Has.Length.EqualTo(expected.Length));
            for (var row = 0; row < expected.Length; row++)
            {
                Assert.That(actual[row], Is.EqualTo(expected[row]).Within(Float32Tolerance), $"row {row}");
            }
        });
    }

    [Test]
    public void ConstantsMakeReluMatter()
    {
        // Guards the test above against constants for which Relu would be the identity.
        var hidden = Inputs.SelectMany(Hidden).ToArray();

        Assert.That(hidden, Has.Some.LessThan(0).And.Some.GreaterThan(0));
    }

    private static OnnxGraphBuilder TinyModel()
    {
        var graph = new OnnxGraphBuilder("tiny");
        var x = graph.AddInput("x", ["batch", 3]);
        x = graph.Gemm(x, W1, 4, 3, B1);
        x = graph.BatchNormalization(x, Scale, Shift, Mean, Variance, Epsilon);
        x = graph.Relu(x);
        graph.AddOutput(graph.Gemm(x, W2, 2, 4, B2, output: "y"));
        return graph;
    }

    /// <summary>The BN output before Relu for one input row.</summary>
    private static double[] Hidden(float[] x) => Enumerable.Range(0, 4).Select(j =>
    {
        var linear = B1[j] + Enumerable.Range(0, 3).Sum(i => (double)W1[j * 3 + i] * x[i]);
        return (linear - Mean[j]) / Math.Sqrt(Variance[j] + (double)Epsilon) * Scale[j] + Shift[j];
    }).ToArray();

    private static double[] ClosedForm(float[] x)
    {
        var h = Hidden(x).Select(v => Math.Max(v, 0)).ToArray();
        return Enumerable.Range(0, 2).Select(k => B2[k] + Enumerable.Range(0, 4).Sum(j => W2[k * 4 + j] * h[j])).ToArray();
    }
}
