namespace Harness.Export.Exporting;

/// <summary>
/// How a module becomes a graph, beyond the opset (which comes with the model info): BatchNorm folding, the
/// RMSNorm operator form, and which dropout kinds sample in the MC-dropout graph.
/// </summary>
public sealed record GraphExportSettings
{
    /// <summary>The defaults: fold BatchNorm into the preceding Conv/Gemm, decompose RMSNorm, every dropout kind
    /// samples in the MC graph.</summary>
    public static GraphExportSettings Default { get; } = new();

    /// <summary>
    /// Fold a BatchNorm that directly follows a Conv2d, Linear or DropConnectLinear into that layer's weight and
    /// bias (W' = W·γ/√(var+ε), b' = (b − mean)·γ/√(var+ε) + β per output channel). Any other BatchNorm stays a
    /// BatchNormalization node on the running statistics.
    /// </summary>
    public bool FoldBatchNorm { get; init; } = true;

    /// <summary>Emit RMSNorm as the RMSNormalization operator, which needs opset 23; false decomposes it into
    /// ReduceMean/Add/Sqrt/Reciprocal/Mul at any opset.</summary>
    public bool NativeRmsNorm { get; init; }

    /// <summary>The dropout kinds that keep sampling in the MC-dropout graph (others vanish there too).</summary>
    public DropoutKinds McSampling { get; init; } = DropoutKinds.All;
}
