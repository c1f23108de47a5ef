using Harness.Export.Exporting;
using Harness.Export.Onnx;
using Harness.Train.Models;
using Harness.Train.Torch;

namespace Harness.Bench;

/// <summary>Models the benchmarks run when no model file is given, built by our own exporter.</summary>
public static class BenchModels
{
    /// <summary>
    /// The walking skeleton's deployment graph (784 → 256 → BatchNorm → ReLU → 10, dropout removed) with seeded
    /// untrained weights: latency does not depend on what the weights learned.
    /// </summary>
    public static byte[] FashionMlp()
    {
        Torch.ManualSeed(1);
        using var model = Mlp.Create(784, [256], 10, batchNorm: true, dropout: 0.2);
        model.Eval();
        return OnnxModelWriter.ToBytes(DeploymentExporter.Export(model, [784], new OnnxModelInfo()));
    }
}
