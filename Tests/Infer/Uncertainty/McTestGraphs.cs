using Harness.Export.Exporting;
using Harness.Export.Onnx;

namespace Harness.Tests.Infer.Uncertainty;

/// <summary>
/// Tiny MLPs built with <see cref="OnnxGraphBuilder"/>: input ["batch", inputs] → Gemm "fc1" → Relu → (MC only)
/// dropout as h·Cast(Less(RandomUniformLike(h), 1 − p))·1/(1 − p) → Gemm "fc2" → "logits" ["batch", classes]. The
/// deterministic and MC variants share their weights (seeded), so E[MC logits] = deterministic logits exactly (the
/// inverted-dropout mask has mean 1 per unit and the second layer is linear).
/// </summary>
internal static class McTestGraphs
{
    /// <summary>The serialized model. <paramref name="dropout"/> is ignored when <paramref name="mc"/> is false.</summary>
    public static byte[] Mlp(int inputs, int hidden, int classes, bool mc, float dropout = 0.5f, int seed = 7,
        float[]? mean = null, float[]? std = null, OnnxModelInfo? info = null)
    {
        var random = new Random(seed);
        var g = new OnnxGraphBuilder(mc ? "mc_mlp" : "mlp");
        var x = g.AddInput("input", ["batch", inputs]);
        var h = g.Gemm(x, Values(random, hidden * inputs, 1.0 / Math.Sqrt(inputs)), hidden, inputs,
            Values(random, hidden, 0.1), name: "fc1");
        h = g.Relu(h, name: "relu1");
        if (mc)
        {
            g.AddNode("RandomUniformLike", [h], ["drop.u"]);
            g.AddInitializer("drop.keep", [1f - dropout], []);
            g.AddInitializer("drop.scale", [1f / (1f - dropout)], []);
            g.AddNode("Less", ["drop.u", "drop.keep"], ["drop.kept"]);
            g.AddNode("Cast", ["drop.kept"], ["drop.mask"], [OnnxAttributes.Int("to", 1)]);
            g.AddNode("Mul", [h, "drop.mask"], ["drop.masked"]);
            g.AddNode("Mul", ["drop.masked", "drop.scale"], ["drop.out"]);
            h = "drop.out";
        }

        var y = g.Gemm(h, Values(random, classes * hidden, 1.0 / Math.Sqrt(hidden)), classes, hidden,
            Values(random, classes, 0.1), name: "fc2", output: "logits");
        g.AddOutput(y, ["batch", classes], Harness.Export.Onnx.Proto.TensorProto.Types.DataType.Float);
        info ??= mean is null
            ? new OnnxModelInfo()
            : ExportMetadata.Create(OnnxVersions.DefaultOpset, new ExportSources
            {
                ClassNames = Enumerable.Range(0, classes).Select(c => $"c{c}").ToArray(),
                NormalizationMean = mean,
                NormalizationStd = std!,
                RecipeSummary = "test",
            }, GraphExportSettings.Default, mc: null);
        return OnnxModelWriter.ToBytes(OnnxModelWriter.CreateModel(g.Build(), info));
    }

    /// <summary>Writes <see cref="Mlp"/> to <paramref name="path"/>.</summary>
    public static string Write(string path, byte[] model)
    {
        File.WriteAllBytes(path, model);
        return path;
    }

    private static float[] Values(Random random, int count, double scale) =>
        Enumerable.Range(0, count).Select(_ => (float)((random.NextDouble() * 2 - 1) * scale * 1.7)).ToArray();
}
