namespace Harness.Export.Onnx;

/// <summary>Formats shapes for error messages: <c>[batch, 784]</c>.</summary>
internal static class ShapeText
{
    public static string Of(IEnumerable<long> dims) => "[" + string.Join(", ", dims) + "]";

    public static string Of(IEnumerable<OnnxDim> dims) => "[" + string.Join(", ", dims) + "]";
}
