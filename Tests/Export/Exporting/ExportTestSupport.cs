using Harness.Export.Onnx;
using Harness.Export.Onnx.Proto;
using Harness.Export.Probe;
using Harness.Infer.Ort;
using Harness.Train.Modules;
using Harness.Train.Optim;
using Harness.Train.Torch;

namespace Harness.Tests.Export.Exporting;

/// <summary>Shared steps of the exporting tests: a few training steps, seeded inputs, trainer and ORT outputs.</summary>
internal static class ExportTestSupport
{
    /// <summary>
    /// A few AdamW steps of cross-entropy on random labels over the flattened output, in training mode: BatchNorm
    /// running statistics move away from 0/1 and γ/β away from 1/0, so folding and inference form are exercised
    /// on non-trivial values. Returns the model in training mode (the exporter must not depend on the mode).
    /// </summary>
    public static void Warm(Module model, long[] sampleShape, int steps = 6, int batch = 8, int seed = 5)
    {
        var parameters = model.Parameters().ToList();
        using var optimizer = parameters.Count == 0 ? null : new AdamW([new ParameterGroup(parameters, 0.0)], 0.05);
        var random = new Random(seed);
        model.Train();
        for (var step = 0; step < steps; step++)
        {
            using var scope = TensorScope.Begin();
            // Inputs with a non-zero mean and a spread other than 1, so running statistics become distinctive.
            var x = Inputs(random, batch, sampleShape, mean: 0.7, scale: 2.0);
            var output = model.Forward(Tensor.FromArray(x, [batch, .. sampleShape]));
            if (optimizer is null)
            {
                continue;
            }

            var logits = output.Reshape(batch, -1);
            var classes = logits.Shape[1];
            var labels = Enumerable.Range(0, batch).Select(_ => (long)random.Next((int)classes)).ToArray();
            var loss = Functional.CrossEntropy(logits, Tensor.FromArray(labels, [batch]));
            optimizer.ClearGrad();
            loss.Backward();
            optimizer.Step();
        }
    }

    /// <summary>Seeded inputs: uniform with the given mean and width.</summary>
    public static float[] Inputs(Random random, int batch, long[] sampleShape, double mean = 0, double scale = 2)
    {
        var size = batch * sampleShape.Aggregate(1L, (a, d) => a * d);
        return Enumerable.Range(0, (int)size).Select(_ => (float)(mean + (random.NextDouble() - 0.5) * scale)).ToArray();
    }

    /// <summary>The trainer's eval-mode output.</summary>
    public static float[] TrainerOutput(Module model, float[] x, long[] shape) =>
        TrainerEval.Forward(model, x, shape, out _);

    /// <summary>One ORT run of a model (default optimizations unless settings say otherwise).</summary>
    public static float[] OrtOutput(ModelProto model, float[] x, long[] shape, OrtSessionSettings? settings = null)
    {
        using var session = OrtSession.FromBytes(OnnxModelWriter.ToBytes(model), settings);
        return session.RunOnce(x, shape);
    }

    /// <summary>Several ORT runs of one session on the same input.</summary>
    public static float[][] OrtRuns(ModelProto model, float[] x, long[] shape, int runs, OrtSessionSettings? settings = null)
    {
        using var session = OrtSession.FromBytes(OnnxModelWriter.ToBytes(model), settings);
        return Enumerable.Range(0, runs).Select(_ => session.RunOnce(x, shape)).ToArray();
    }

    public static double MaxAbsDifference(ReadOnlySpan<float> a, ReadOnlySpan<float> b) =>
        Harness.Infer.Parity.OutputComparison.MaxAbsDifference(a, b);

    /// <summary>Op types that make a graph non-deterministic or are dropout.</summary>
    public static readonly string[] SamplingOps =
        ["Dropout", "RandomUniform", "RandomUniformLike", "RandomNormal", "RandomNormalLike", "Bernoulli", "Multinomial"];

    /// <summary>BatchNormalization nodes fed directly by a Conv or Gemm (what folding must leave none of).</summary>
    public static IEnumerable<NodeProto> BatchNormAfterConvOrGemm(GraphProto graph)
    {
        var producers = graph.Node.SelectMany(n => n.Output.Select(o => (o, n.OpType))).ToDictionary(p => p.o, p => p.OpType);
        return graph.Node.Where(n => n.OpType == "BatchNormalization" &&
                                     producers.TryGetValue(n.Input[0], out var op) && op is "Conv" or "Gemm");
    }
}
