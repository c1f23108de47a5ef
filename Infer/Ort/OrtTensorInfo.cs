namespace Harness.Infer.Ort;

/// <summary>
/// A session input or output as the model declares it: name, element type and shape, where -1 marks a symbolic
/// dimension (for example a dynamic batch). A non-tensor value (sequence, map) has
/// <see cref="OrtElementType.Undefined"/> and an empty shape.
/// </summary>
/// <param name="Name">The graph input or output name.</param>
/// <param name="ElementType">The tensor element type.</param>
/// <param name="Shape">The declared dimensions; -1 for a symbolic one.</param>
public sealed record OrtTensorInfo(string Name, OrtElementType ElementType, IReadOnlyList<long> Shape)
{
    /// <summary>Whether any dimension is symbolic.</summary>
    public bool HasSymbolicDimensions => Shape.Contains(-1L);

    /// <inheritdoc />
    public override string ToString() => $"{Name}: {ElementType}[{string.Join(", ", Shape)}]";
}
