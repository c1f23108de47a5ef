namespace Harness.Export.Onnx;

/// <summary>Shape manipulation: Identity, Flatten, Reshape, Transpose.</summary>
public sealed partial class OnnxGraphBuilder
{
    /// <summary><c>Identity</c>: a copy of the input (for example to give a value a second name).</summary>
    /// <returns>The output value name.</returns>
    public string Identity(string input, string? name = null, string? output = null) =>
        SameShape("Identity", input, name, output);

    /// <summary><c>Flatten</c>: [d0, ..., dn] → [d0·...·d(axis−1), d(axis)·...·dn].</summary>
    /// <returns>The output value name.</returns>
    /// <exception cref="ArgumentException">The axis is outside [−rank, rank].</exception>
    public string Flatten(string input, long axis = 1, string? name = null, string? output = null)
    {
        const string op = "Flatten";
        var shape = Lookup(input, nameof(input)).Shape;
        OnnxDim[]? outShape = null;
        if (shape is not null)
        {
            // Flatten accepts axis == rank (everything in the first output dimension).
            ArgumentChecks.That(axis >= -shape.Length && axis <= shape.Length, nameof(axis),
                $"{op}: axis {axis} is out of range for input '{input}' of shape {ShapeText.Of(shape)}.");
            var split = (int)(axis < 0 ? axis + shape.Length : axis);
            outShape = [ShapeMath.Product(shape[..split]), ShapeMath.Product(shape[split..])];
        }

        var slot = StartNode(op, name, output);
        return FinishNode(slot, [input], outShape, OnnxAttributes.Int("axis", axis));
    }

    /// <summary>
    /// <c>Reshape</c> to <paramref name="shape"/> (stored as an INT64 initializer): 0 copies the input's
    /// dimension at that position, −1 (at most once) is inferred.
    /// </summary>
    /// <returns>The output value name.</returns>
    /// <exception cref="ArgumentException">More than one −1, a value below −1, a 0 past the input's rank, or
    /// an element count that differs from the input's.</exception>
    public string Reshape(string input, IReadOnlyList<long> shape, string? name = null, string? output = null)
    {
        const string op = "Reshape";
        ArgumentNullException.ThrowIfNull(shape);
        var inShape = Lookup(input, nameof(input)).Shape;
        ArgumentChecks.That(shape.All(d => d >= -1), nameof(shape),
            $"{op}: target shape {ShapeText.Of(shape)} has a value below -1.");
        ArgumentChecks.That(shape.Count(d => d == -1) <= 1, nameof(shape),
            $"{op}: target shape {ShapeText.Of(shape)} has more than one -1.");
        var outShape = inShape is null ? null : ReshapeResult(input, inShape, shape, op);
        var slot = StartNode(op, name, output);
        var target = AddInt64Initializer(_valueNames.Suggest($"{slot.NodeName}.shape"), shape.ToArray(), [shape.Count]);
        return FinishNode(slot, [input, target], outShape);
    }

    /// <summary><c>Transpose</c> with an explicit permutation of the axes.</summary>
    /// <returns>The output value name.</returns>
    /// <exception cref="ArgumentException"><paramref name="perm"/> is not a permutation of the input's axes.</exception>
    public string Transpose(string input, IReadOnlyList<long> perm, string? name = null, string? output = null)
    {
        const string op = "Transpose";
        ArgumentNullException.ThrowIfNull(perm);
        var shape = Lookup(input, nameof(input)).Shape;
        ArgumentChecks.That(perm.Order().SequenceEqual(Enumerable.Range(0, perm.Count).Select(i => (long)i)),
            nameof(perm), $"{op}: {ShapeText.Of(perm)} is not a permutation of 0..{perm.Count - 1}.");
        ArgumentChecks.That(shape is null || shape.Length == perm.Count, nameof(perm),
            $"{op}: perm {ShapeText.Of(perm)} does not match input '{input}' of shape {ShapeText.Of(shape ?? [])}.");
        OnnxDim[]? outShape = shape is null ? null : perm.Select(p => shape[p]).ToArray();
        var slot = StartNode(op, name, output);
        return FinishNode(slot, [input], outShape, OnnxAttributes.Ints("perm", perm));
    }

    private static OnnxDim[] ReshapeResult(string input, OnnxDim[] inShape, IReadOnlyList<long> target, string op)
    {
        var result = new OnnxDim[target.Count];
        var inferred = -1;
        for (var i = 0; i < target.Count; i++)
        {
            switch (target[i])
            {
                case 0:
                    ArgumentChecks.That(i < inShape.Length, "shape",
                        $"{op}: 0 at position {i} of {ShapeText.Of(target)} has no input dimension to copy " +
                        $"(input '{input}' has shape {ShapeText.Of(inShape)}).");
                    result[i] = inShape[i];
                    break;
                case -1:
                    inferred = i;
                    break;
                default:
                    result[i] = OnnxDim.Fixed(target[i]);
                    break;
            }
        }

        var total = ShapeMath.Product(inShape);
        if (inferred < 0)
        {
            var produced = ShapeMath.Product(result);
            ArgumentChecks.That(!(total.IsFixed && produced.IsFixed) || total == produced, "shape",
                $"{op}: input '{input}' of shape {ShapeText.Of(inShape)} has {total} elements but " +
                $"{ShapeText.Of(target)} holds {produced}.");
            return result;
        }

        result[inferred] = InferMissing(input, inShape, result, inferred, target, op);
        return result;
    }

    /// <summary>The −1 dimension: exact when the fixed sizes divide; the symbol when one symbolic input
    /// dimension (the batch) is left over; unknown otherwise.</summary>
    private static OnnxDim InferMissing(
        string input, OnnxDim[] inShape, OnnxDim[] result, int inferred, IReadOnlyList<long> target, string op)
    {
        var known = result.Where((_, i) => i != inferred).ToArray();
        if (!known.All(d => d.IsFixed))
        {
            return OnnxDim.Unknown;
        }

        var knownProduct = known.Aggregate(1L, (p, d) => checked(p * d.Value!.Value));
        var inFixed = inShape.Where(d => d.IsFixed).Aggregate(1L, (p, d) => checked(p * d.Value!.Value));
        var inOther = inShape.Where(d => !d.IsFixed).ToArray();
        ArgumentChecks.That(knownProduct > 0 && inFixed % knownProduct == 0 || inOther.Length > 0, "shape",
            $"{op}: input '{input}' of shape {ShapeText.Of(inShape)} cannot be reshaped to {ShapeText.Of(target)}.");
        if (inOther.Length == 0)
        {
            return OnnxDim.Fixed(inFixed / knownProduct);
        }

        return inOther.Length == 1 && inFixed == knownProduct ? inOther[0] : OnnxDim.Unknown;
    }
}
