using Harness.Export.Onnx;
using NUnit.Framework;

namespace Harness.Tests.Export;

/// <summary>The builder and its op helpers reject bad arguments with a clear <see cref="ArgumentException"/>.</summary>
[TestFixture]
public sealed class OnnxGraphBuilderValidationTests
{
    private static readonly float[] Four = [1f, 2f, 3f, 4f];

    /// <summary>Each case runs on a graph with input "x" ["batch", 4] and image "img" ["batch", 3, 8, 8].</summary>
    private static IEnumerable<TestCaseData> Cases()
    {
        TestCaseData Case(string name, Action<OnnxGraphBuilder> act, string message) =>
            new TestCaseData(act, message).SetName(name);

        yield return Case("Gemm weight size", g => g.Gemm("x", new float[7], 2, 4), "weight has 7 values but [out=2, in=4] needs 8");
        yield return Case("Gemm input features", g => g.Gemm("x", new float[6], 2, 3), "has shape [batch, 4] but the layer expects 3 features");
        yield return Case("Gemm bias size", g => g.Gemm("x", new float[8], 2, 4, new float[3]), "bias has 3 values but out=2");
        yield return Case("Gemm rank", g => g.Gemm("img", new float[8], 2, 4), "Gemm needs rank 2");
        yield return Case("BN lengths", g => g.BatchNormalization("x", Four, Four, Four, new float[3]), "got lengths 4, 4, 4, 3");
        yield return Case("BN channels", g => g.BatchNormalization("img", Four, Four, Four, Four), "statistics have 4 channels");
        yield return Case("BN variance", g => g.BatchNormalization("x", Four, Four, Four, [1, -1, 1, 1]), "variance must not be negative");
        yield return Case("BN epsilon", g => g.BatchNormalization("x", Four, Four, Four, Four, epsilon: 0), "epsilon must be a positive");
        yield return Case("BN momentum", g => g.BatchNormalization("x", Four, Four, Four, Four, onnxMomentum: 1.5f), "momentum must be in [0, 1]");
        yield return Case("LayerNorm shape", g => g.LayerNormalization("x", new float[3], null, [3]), "does not end with [3]");
        yield return Case("LayerNorm scale", g => g.LayerNormalization("x", new float[3], null, [4]), "scale has 3 values");
        yield return Case("Conv channels", g => g.Conv("img", new float[2 * 2 * 9], [2, 2, 3, 3]), "the weights expect 2 channels");
        yield return Case("Conv weight size", g => g.Conv("img", new float[5], [2, 3, 3, 3]), "weight has 5 values");
        yield return Case("Conv pads", g => g.Conv("img", new float[2 * 3 * 9], [2, 3, 3, 3], pads: [1, 1]), "pads has 2 entries but needs 4");
        yield return Case("Conv group", g => g.Conv("img", new float[3 * 1 * 9], [3, 1, 3, 3], group: 2), "group 2 must be positive and divide");
        yield return Case("Conv window", g => g.Conv("img", new float[2 * 3 * 81], [2, 3, 9, 9]), "larger than the padded input");
        yield return Case("MaxPool strides", g => g.MaxPool("img", [2, 2], strides: [2]), "strides has 1 entries but there are 2 spatial axes");
        yield return Case("MaxPool rank", g => g.MaxPool("x", [2, 2]), "the kernel has 2 spatial axes");
        yield return Case("AveragePool pad", g => g.AveragePool("img", [2, 2], pads: [2, 0, 0, 0]), "each pad must be smaller than the kernel");
        yield return Case("GlobalAveragePool rank", g => g.GlobalAveragePool("x"), "it needs [N, C, spatial...]");
        yield return Case("Flatten axis", g => g.Flatten("x", 3), "axis 3 is out of range");
        yield return Case("Reshape two -1", g => g.Reshape("x", [-1, -1]), "more than one -1");
        yield return Case("Reshape count", g => g.Reshape(g.AddInput("f", [2, 6]), [5, 2]), "has 12 elements but [5, 2] holds 10");
        yield return Case("Reshape fixed count", g => g.Reshape(g.AddInput("f", [2, 6]), [5, -1]), "cannot be reshaped to [5, -1]");
        yield return Case("Transpose perm", g => g.Transpose("x", [0, 0]), "[0, 0] is not a permutation");
        yield return Case("Transpose rank", g => g.Transpose("x", [0, 2, 1]), "does not match input 'x'");
        yield return Case("Softmax axis", g => g.Softmax("x", axis: 2), "axis 2 is out of range for an input of rank 2");
        yield return Case("Add broadcast", g => g.Add("x", g.AddInitializer("c", new float[3], [3])), "cannot be broadcast together");
        yield return Case("MatMul inner", g => g.MatMul("x", g.AddInitializer("w", new float[6], [3, 2])), "inner dimensions differ");
        yield return Case("Dropout ratio", g => g.Dropout("x", 1f, trainingMode: true), "ratio must be in [0, 1)");
        yield return Case("Dropout names", g => g.Dropout("x", 0.5f, false, withMask: true, output: "m", mask: "m"), "cannot both be named 'm'");
        yield return Case("Unknown input", g => g.Relu("nope"), "has no value named 'nope'");
        yield return Case("Duplicate output", g => g.Relu("x", output: "img"), "'img' is already used");
        yield return Case("Duplicate node", g => g.Relu(g.Relu("x", name: "r"), name: "r"), "'r' is already used");
        yield return Case("Duplicate input", g => g.AddInput("x", [1]), "'x' is already used");
        yield return Case("Initializer size", g => g.AddInitializer("k", new float[5], [2, 3]), "5 values do not fill shape [2, 3] (6 values)");
        yield return Case("Output unknown", g => g.AddOutput("nope"), "has no value named 'nope'");
        yield return Case("Output type unknown", g =>
        {
            g.AddNode("Shape", ["x"], ["s"]);
            g.AddOutput("s");
        }, "element type of 's' is not known");
        yield return Case("Node input unknown", g => g.AddNode("Relu", ["nope"], ["y"]), "has no value named 'nope'");
    }

    [TestCaseSource(nameof(Cases))]
    public void RejectsWithClearMessage(Action<OnnxGraphBuilder> act, string message)
    {
        var graph = NewGraph();

        Assert.That(() => act(graph), Throws.InstanceOf<ArgumentException>().With.Message.Contains(message));
    }

    [Test]
    public void RejectedCallLeavesTheGraphUnchanged()
    {
        var graph = NewGraph();
        graph.AddOutput(graph.Relu("x", output: "y"));
        var before = graph.Build();

        Assert.Multiple(() =>
        {
            Assert.That(() => graph.Gemm("y", new float[8], 2, 4, new float[3], name: "fc"), Throws.ArgumentException);
            Assert.That(graph.Build(), Is.EqualTo(before));
            Assert.That(graph.Gemm("y", new float[8], 2, 4, name: "fc"), Is.EqualTo("fc_output"), "the names are still free");
        });
    }

    [Test]
    public void DropoutMaskNameCanBeTheGeneratedOutputName()
    {
        var graph = NewGraph();

        var outputs = graph.Dropout("x", 0.5f, trainingMode: true, withMask: true, mask: "Dropout_output");

        Assert.That(outputs, Is.EqualTo(new DropoutOutputs("Dropout_output_1", "Dropout_output")));
    }

    [Test]
    public void GeneratedNamesAreUnique()
    {
        var graph = NewGraph();
        var first = graph.Relu("x");
        var second = graph.Relu(first);

        Assert.Multiple(() =>
        {
            Assert.That((first, second), Is.EqualTo(("Relu_output", "Relu_1_output")));
            Assert.That(graph.UniqueValueName("x"), Is.EqualTo("x_1"));
            Assert.That(graph.UniqueValueName("fresh"), Is.EqualTo("fresh"));
            Assert.That((graph.Contains(second), graph.Contains("fresh")), Is.EqualTo((true, false)));
        });
    }

    [Test]
    public void BuildNeedsAnOutput()
    {
        Assert.That(() => NewGraph().Build(), Throws.InvalidOperationException.With.Message.Contains("has no output"));
    }

    [Test]
    public void WriterRejectsUnsupportedOpset()
    {
        var graph = NewGraph();
        graph.AddOutput("x");

        Assert.That(() => OnnxModelWriter.CreateModel(graph.Build(), new OnnxModelInfo { Opset = 12 }),
            Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains("Supported ai.onnx opsets are 13 to 23"));
    }

    private static OnnxGraphBuilder NewGraph()
    {
        var graph = new OnnxGraphBuilder("validation");
        graph.AddInput("x", ["batch", 4]);
        graph.AddInput("img", ["batch", 3, 8, 8]);
        return graph;
    }
}
