using Harness.Train.Torch;

namespace Harness.Train.Modules;

/// <summary>Checks shared by the layers that normalize over trailing dimensions (LayerNorm, RMSNorm).</summary>
internal static class NormShape
{
    public static long[] Validate(string layer, long[] normalizedShape, double eps)
    {
        ArgumentNullException.ThrowIfNull(normalizedShape);
        if (normalizedShape.Length == 0 || normalizedShape.Any(d => d < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(normalizedShape),
                $"{layer}([{string.Join(", ", normalizedShape)}]): needs at least one dimension, each >= 1.");
        }

        if (!(eps > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(eps), $"{layer} eps {eps} must be positive.");
        }

        return (long[])normalizedShape.Clone();
    }

    public static void CheckTrailing(string layer, Tensor input, long[] normalizedShape)
    {
        var shape = input.Shape;
        if (shape.Length < normalizedShape.Length || !shape.AsSpan(shape.Length - normalizedShape.Length).SequenceEqual(normalizedShape))
        {
            throw new TorchException(
                $"{layer}([{string.Join(", ", normalizedShape)}]): input of shape [{string.Join(", ", shape)}] does not end " +
                "with the normalized shape.");
        }
    }
}
