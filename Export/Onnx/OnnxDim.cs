using System.Globalization;

namespace Harness.Export.Onnx;

/// <summary>
/// One dimension of a tensor shape: a fixed size, a symbolic name (for example <c>"batch"</c>), or unknown.
/// Converts implicitly from <see cref="long"/>/<see cref="int"/> (fixed) and <see cref="string"/> (symbolic), so a
/// shape reads <c>["batch", 784]</c>.
/// </summary>
public readonly record struct OnnxDim
{
    private OnnxDim(long? value, string? symbol)
    {
        Value = value;
        Symbol = symbol;
    }

    /// <summary>The fixed size, or null when the dimension is symbolic or unknown.</summary>
    public long? Value { get; }

    /// <summary>The symbolic name, or null when the dimension is fixed or unknown.</summary>
    public string? Symbol { get; }

    /// <summary>A dimension whose size is not known (neither fixed nor named).</summary>
    public static OnnxDim Unknown => default;

    /// <summary>True when the size is a known number.</summary>
    public bool IsFixed => Value.HasValue;

    /// <summary>A fixed size; must not be negative.</summary>
    public static OnnxDim Fixed(long value) => value >= 0
        ? new OnnxDim(value, null)
        : throw new ArgumentOutOfRangeException(nameof(value), value, "A tensor dimension cannot be negative.");

    /// <summary>A symbolic dimension, for example <c>"batch"</c>; the name must not be empty.</summary>
    public static OnnxDim Symbolic(string name) => !string.IsNullOrWhiteSpace(name)
        ? new OnnxDim(null, name)
        : throw new ArgumentException("A symbolic dimension needs a non-empty name.", nameof(name));

    /// <summary>A fixed size.</summary>
    public static implicit operator OnnxDim(long value) => Fixed(value);

    /// <summary>A fixed size.</summary>
    public static implicit operator OnnxDim(int value) => Fixed(value);

    /// <summary>A symbolic dimension.</summary>
    public static implicit operator OnnxDim(string name) => Symbolic(name);

    /// <summary>The size, the name, or <c>?</c>.</summary>
    public override string ToString() =>
        Value?.ToString(CultureInfo.InvariantCulture) ?? Symbol ?? "?";
}
