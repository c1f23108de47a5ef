using Harness.Core.Configuration;
using Harness.Export.Onnx;

namespace Harness.Export.Exporting;

/// <summary>Section <c>Export</c>: how the exporter writes and verifies model.onnx, model.mc.onnx and the probe.</summary>
public sealed class ExportOptions : IValidatedOptions
{
    /// <summary>The most probe samples.</summary>
    public const int MaxProbeSamples = 1024;

    /// <summary>ai.onnx opset of both graphs, 13–23 (default 17: LayerNormalization, loadable almost everywhere;
    /// ≤ 21 keeps ORT's Conv+BatchNormalization fusion when BatchNorm is not folded).</summary>
    public int Opset { get; set; } = OnnxVersions.DefaultOpset;

    /// <summary>Fold BatchNorm into the Conv/Gemm before it (both graphs).</summary>
    public bool FoldBatchNorm { get; set; } = true;

    /// <summary>Write RMSNorm as the RMSNormalization operator (needs Opset = 23) instead of its decomposition.</summary>
    public bool NativeRmsNorm { get; set; }

    /// <summary>Dropout kinds that sample in the MC graph: any of Dropout, Dropout2d, DropPath, DropConnect, or
    /// All / None.</summary>
    public string[] McDropoutKinds { get; set; } = ["All"];

    /// <summary>Samples in the probe (the first ones of the caller's inputs).</summary>
    public int ProbeSamples { get; set; } = 16;

    /// <summary>Largest |trainer − ONNX Runtime| allowed on the probe (float32 with different kernels: 1e-4).</summary>
    public double ParityTolerance { get; set; } = 1e-4;

    /// <summary>The parsed <see cref="McDropoutKinds"/>.</summary>
    /// <exception cref="ArgumentException">A name is not a kind (see <see cref="Validate"/>).</exception>
    public DropoutKinds McSampling => McDropoutKinds.Aggregate(DropoutKinds.None, (all, name) =>
        all | (DropoutKindNames.TryParse(name) ?? throw new ArgumentException(
            $"McDropoutKinds: '{name}' is not a dropout kind.", nameof(McDropoutKinds))));

    /// <summary>The graph settings these options stand for.</summary>
    public GraphExportSettings ToGraphSettings() => new()
    {
        FoldBatchNorm = FoldBatchNorm, NativeRmsNorm = NativeRmsNorm, McSampling = McSampling,
    };

    public IEnumerable<string> Validate()
    {
        foreach (var e in Check.Range(nameof(Opset), Opset, OnnxVersions.MinOpset, OnnxVersions.MaxOpset))
        {
            yield return e;
        }

        if (NativeRmsNorm && Opset < 23)
        {
            yield return $"{nameof(NativeRmsNorm)} = true with {nameof(Opset)} = {Opset}: RMSNormalization needs " +
                         $"{nameof(Opset)} = 23 (or set {nameof(NativeRmsNorm)} = false for the decomposition)";
        }

        var names = McDropoutKinds ?? [];
        if (names.Length == 0)
        {
            yield return $"{nameof(McDropoutKinds)} is empty: list at least one of " +
                         $"{string.Join(", ", DropoutKindNames.Names)}, All or None";
        }

        foreach (var name in names.Where(n => DropoutKindNames.TryParse(n) is null))
        {
            yield return $"{nameof(McDropoutKinds)} = '{name}': must be one of " +
                         $"{string.Join(", ", DropoutKindNames.Names)}, All or None";
        }

        foreach (var e in Check.Range(nameof(ProbeSamples), ProbeSamples, 1, MaxProbeSamples))
        {
            yield return e;
        }

        if (!(ParityTolerance > 0 && ParityTolerance <= 1))
        {
            yield return $"{nameof(ParityTolerance)} = {ParityTolerance.ToString("G", System.Globalization.CultureInfo.InvariantCulture)}: " +
                         "must be above 0 and at most 1";
        }
    }
}
