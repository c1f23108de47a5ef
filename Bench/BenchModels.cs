using Harness.Export.Exporting;
using Harness.Export.Onnx;
using Harness.Train.Configuration;
using Harness.Train.Models;
using Harness.Train.Modules;
using Harness.Train.Torch;

namespace Harness.Bench;

/// <summary>Models the benchmarks run when no model file is given, built by our own exporter.</summary>
public static class BenchModels
{
    /// <summary>Model kinds of the MC benchmarks: the skeleton MLP and the default CNN of appsettings.json.</summary>
    public const string Mlp = "mlp";

    /// <inheritdoc cref="Mlp"/>
    public const string Cnn = "cnn";

    /// <summary>
    /// The walking skeleton's deployment graph (784 → 256 → BatchNorm → ReLU → 10, dropout removed) with seeded
    /// untrained weights: latency does not depend on what the weights learned.
    /// </summary>
    public static byte[] FashionMlp()
    {
        using var model = FashionMlpModule();
        return OnnxModelWriter.ToBytes(DeploymentExporter.Export(model, [784], new OnnxModelInfo()));
    }

    /// <summary>The module behind <see cref="FashionMlp"/> (same seed, so the same weights), in eval mode; the caller
    /// disposes it. Input [N, 784], output [N, 10].</summary>
    public static Sequential FashionMlpModule()
    {
        Torch.ManualSeed(1);
        var model = Harness.Train.Models.Mlp.Create(784, [256], 10, batchNorm: true, dropout: 0.2);
        model.Eval();
        return model;
    }

    /// <summary>
    /// A model with dropout for the MC benchmarks, built by <see cref="ModelFactory"/> for Fashion-MNIST (1×28×28,
    /// 10 classes) with seeded weights: <see cref="Mlp"/> is the skeleton MLP (hidden [256], BatchNorm, Dropout 0.2);
    /// <see cref="Cnn"/> the default CNN of appsettings.json (channels [32, 64, 128], BatchNorm, global average pool,
    /// Dropout 0.2 before the head).
    /// </summary>
    public static BuiltModel McModel(string kind)
    {
        Torch.ManualSeed(1);
        var options = kind switch
        {
            Mlp => new ModelOptions { Kind = "mlp", Hidden = [256], Norm = "batch", Dropout = 0.2 },
            Cnn => new ModelOptions { Kind = "cnn", Channels = [32, 64, 128], Norm = "batch", Pool = "avg", Dropout = 0.2 },
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, $"'{Mlp}' or '{Cnn}'"),
        };
        var built = ModelFactory.Create(options, 1, 28, 28, 10);
        built.Module.Eval();
        return built;
    }

    /// <summary>The plain MC-dropout graph and its prefix-shared form (<see cref="McPrefixSharing"/>) of <see cref="McModel"/>.</summary>
    public static (byte[] Plain, byte[] SharedPrefix, long[] SampleShape) McGraphs(string kind)
    {
        var built = McModel(kind);
        using var module = built.Module;
        var plain = McDropoutExporter.Export(module, built.InputShape, new OnnxModelInfo());
        return (OnnxModelWriter.ToBytes(plain.Model), OnnxModelWriter.ToBytes(McPrefixSharing.Apply(plain.Model)), built.InputShape);
    }
}
