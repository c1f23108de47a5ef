using Harness.Export.Onnx;

namespace Harness.Tests.Export;

/// <summary>Graphs the export tests build, with seeded weights.</summary>
internal static class TestModels
{
    /// <summary>Input features of <see cref="Mlp"/>.</summary>
    public const int MlpInputs = 8;

    /// <summary>Hidden units of <see cref="Mlp"/>.</summary>
    public const int MlpHidden = 16;

    /// <summary>Classes (outputs) of <see cref="Mlp"/>.</summary>
    public const int MlpClasses = 10;

    /// <summary>
    /// input ["batch", 8] → Gemm "fc1" (16, bias) → BatchNormalization "bn1" (epsilon 1e-3, PyTorch momentum
    /// 0.1) → Relu → Gemm "fc2" (10, bias) → output "logits" ["batch", 10].
    /// </summary>
    public static OnnxGraphBuilder Mlp(int seed = 1)
    {
        var random = new Random(seed);
        var graph = new OnnxGraphBuilder("mlp", "Gemm-BN-Relu-Gemm test network");
        var x = graph.AddInput("input", ["batch", MlpInputs]);
        x = graph.Gemm(x, Values(random, MlpHidden * MlpInputs), MlpHidden, MlpInputs, Values(random, MlpHidden),
            name: "fc1");
        x = graph.BatchNormalization(x, Values(random, MlpHidden), Values(random, MlpHidden),
            Values(random, MlpHidden), Positive(random, MlpHidden), epsilon: 1e-3f,
            onnxMomentum: OnnxGraphBuilder.OnnxMomentumFromTorch(0.1f), name: "bn1");
        x = graph.Relu(x, name: "relu1");
        x = graph.Gemm(x, Values(random, MlpClasses * MlpHidden), MlpClasses, MlpHidden, Values(random, MlpClasses),
            name: "fc2", output: "logits");
        graph.AddOutput(x);
        return graph;
    }

    /// <summary>
    /// A small CNN that uses every op helper once: Conv, BatchNormalization, Relu, MaxPool, AveragePool,
    /// GlobalAveragePool, Mul, Flatten, Reshape, Transpose, LayerNormalization, MatMul, Add, Dropout (with mask),
    /// Gemm, Sigmoid, Tanh, Identity, Softmax and LogSoftmax. Outputs "probs", "log_probs" and the mask.
    /// </summary>
    public static OnnxGraphBuilder AllOps(int seed = 2)
    {
        var random = new Random(seed);
        var graph = new OnnxGraphBuilder("all_ops");
        var x = graph.AddInput("image", ["batch", 1, 8, 8]);
        x = graph.Conv(x, Values(random, 4 * 9), [4, 1, 3, 3], Values(random, 4), pads: [1, 1, 1, 1]);
        x = graph.BatchNormalization(x, Values(random, 4), Values(random, 4), Values(random, 4), Positive(random, 4));
        x = graph.Relu(x);
        x = graph.MaxPool(x, [2, 2], strides: [2, 2]);
        x = graph.AveragePool(x, [3, 3], pads: [1, 1, 1, 1], countIncludePad: true);
        x = graph.Mul(x, graph.GlobalAveragePool(x));
        x = graph.Flatten(x);
        x = graph.Reshape(x, [-1, 4, 16]);
        x = graph.Transpose(x, [0, 2, 1]);
        x = graph.LayerNormalization(x, Values(random, 4), Values(random, 4), [4]);
        x = graph.MatMul(x, graph.AddInitializer("proj.weight", Values(random, 12), [4, 3]));
        x = graph.Add(x, graph.AddInitializer("proj.bias", Values(random, 3), [3]));
        x = graph.Flatten(x);
        var dropout = graph.Dropout(x, 0.1f, trainingMode: false, withMask: true, mask: "mask");
        x = graph.Gemm(dropout.Output, Values(random, 10 * 48), 10, 48);
        x = graph.Identity(graph.Tanh(graph.Sigmoid(x)));
        graph.AddOutput(graph.Softmax(x, output: "probs"));
        graph.AddOutput(graph.LogSoftmax(x, output: "log_probs"));
        graph.AddOutput(dropout.Mask!);
        return graph;
    }

    /// <summary>Uniform values in [−1, 1).</summary>
    public static float[] Values(Random random, int count) =>
        Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();

    private static float[] Positive(Random random, int count) =>
        Enumerable.Range(0, count).Select(_ => (float)(0.5 + random.NextDouble())).ToArray();
}
