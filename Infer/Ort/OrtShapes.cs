namespace Harness.Infer.Ort;

/// <summary>Shape arithmetic shared by the run paths.</summary>
internal static class OrtShapes
{
    /// <summary>The element count of a concrete shape; throws when a dimension is negative or the count overflows an array.</summary>
    public static int ElementCount(ReadOnlySpan<long> shape, string tensorName)
    {
        long count = 1;
        foreach (var dim in shape)
        {
            if (dim < 0)
            {
                throw new ArgumentException(
                    $"Tensor '{tensorName}' has an unresolved or negative dimension in [{string.Join(", ", shape.ToArray())}].");
            }

            count = checked(count * dim);
        }

        return count <= Array.MaxLength
            ? (int)count
            : throw new ArgumentException($"Tensor '{tensorName}' with {count} elements does not fit in one array.");
    }
}
