namespace Harness.Export.Onnx;

/// <summary>
/// Which opsets of the default (ai.onnx) domain the writer supports, and which IR version goes with each.
/// </summary>
/// <remarks>
/// The IR version is the one of the ONNX release that introduced the opset (ONNX's Versioning.md table:
/// 1.8 → IR 7 / opset 13, 1.10 → IR 8 / 15, 1.12 → IR 8 / 17, 1.13 → IR 8 / 18, 1.14 → IR 9 / 19,
/// 1.15 → IR 9 / 20, 1.16 → IR 10 / 21, 1.17 → IR 10 / 22, 1.18 → IR 11 / 23). That is the lowest IR that can carry the opset, so
/// the model loads in the oldest runtime that knows the opset: a runtime refuses an IR newer than it knows.
/// Opsets below 13 are refused because the op helpers emit opset-13 forms (Softmax over one axis, Dropout
/// ratio as an input); LayerNormalization additionally needs opset 17 and RMSNormalization opset 23
/// (ONNX Runtime ≥ 1.23 loads IR 11).
/// </remarks>
public static class OnnxVersions
{
    /// <summary>The opset the harness writes by default: widely loadable and has LayerNormalization.</summary>
    public const int DefaultOpset = 17;

    /// <summary>The lowest supported opset.</summary>
    public const int MinOpset = 13;

    /// <summary>The highest supported opset.</summary>
    public const int MaxOpset = 23;

    /// <summary>The IR version to write for a model that imports <paramref name="opset"/> of ai.onnx.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The opset is outside [<see cref="MinOpset"/>,
    /// <see cref="MaxOpset"/>].</exception>
    public static long IrVersionFor(int opset) => opset switch
    {
        13 or 14 => 7,
        >= 15 and <= 18 => 8,
        19 or 20 => 9,
        21 or 22 => 10,
        23 => 11,
        _ => throw new ArgumentOutOfRangeException(
            nameof(opset), opset, $"Supported ai.onnx opsets are {MinOpset} to {MaxOpset}."),
    };
}
