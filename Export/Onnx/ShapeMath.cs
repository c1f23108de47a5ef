namespace Harness.Export.Onnx;

/// <summary>Shape arithmetic with fixed, symbolic and unknown dimensions, for the op helpers' checks.</summary>
internal static class ShapeMath
{
    /// <summary>The axis in [0, rank) for an axis in [-rank, rank); throws otherwise.</summary>
    public static int NormalizeAxis(long axis, int rank, string paramName, string op)
    {
        ArgumentChecks.That(axis >= -rank && axis < rank, paramName,
            $"{op}: axis {axis} is out of range for an input of rank {rank}.");
        return (int)(axis < 0 ? axis + rank : axis);
    }

    /// <summary>Product of dimensions: fixed when all are fixed; the single non-fixed one when the others
    /// multiply to 1; unknown otherwise.</summary>
    public static OnnxDim Product(IEnumerable<OnnxDim> dims)
    {
        long product = 1;
        var others = new List<OnnxDim>();
        foreach (var dim in dims)
        {
            if (dim.Value is { } value)
            {
                product = checked(product * value);
            }
            else
            {
                others.Add(dim);
            }
        }

        return others.Count switch
        {
            0 => OnnxDim.Fixed(product),
            1 when product == 1 => others[0],
            _ => OnnxDim.Unknown,
        };
    }

    /// <summary>Numpy-style broadcast of two shapes; null when either is unknown. Throws when two fixed
    /// dimensions differ and neither is 1.</summary>
    public static OnnxDim[]? Broadcast(OnnxDim[]? a, OnnxDim[]? b, string op)
    {
        if (a is null || b is null)
        {
            return null;
        }

        var rank = Math.Max(a.Length, b.Length);
        var result = new OnnxDim[rank];
        for (var i = 0; i < rank; i++)
        {
            var x = i < rank - a.Length ? OnnxDim.Fixed(1) : a[i - (rank - a.Length)];
            var y = i < rank - b.Length ? OnnxDim.Fixed(1) : b[i - (rank - b.Length)];
            result[i] = BroadcastDim(x, y, a, b, op);
        }

        return result;
    }

    /// <summary>Output size of a sliding window (convolution, pooling) along one axis, floor mode.</summary>
    public static OnnxDim Sliding(
        OnnxDim input, long kernel, long stride, long padBegin, long padEnd, long dilation, string op)
    {
        if (input.Value is not { } size)
        {
            return OnnxDim.Unknown;
        }

        var span = dilation * (kernel - 1) + 1;
        var padded = size + padBegin + padEnd;
        ArgumentChecks.That(padded >= span, "kernel",
            $"{op}: the window ({span}) is larger than the padded input ({padded}).");
        return OnnxDim.Fixed((padded - span) / stride + 1);
    }

    private static OnnxDim BroadcastDim(OnnxDim x, OnnxDim y, OnnxDim[] a, OnnxDim[] b, string op)
    {
        if (x == OnnxDim.Fixed(1))
        {
            return y;
        }

        if (y == OnnxDim.Fixed(1) || x == y)
        {
            return x;
        }

        ArgumentChecks.That(!(x.IsFixed && y.IsFixed), "b",
            $"{op}: shapes {ShapeText.Of(a)} and {ShapeText.Of(b)} cannot be broadcast together.");
        // A fixed size against a symbolic one: the symbol must be that size (or 1), so the result is fixed.
        return x.IsFixed ? x : y.IsFixed ? y : OnnxDim.Unknown;
    }
}
