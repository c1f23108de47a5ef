namespace Harness.Infer.Ort;

/// <summary>
/// An error reported by ONNX Runtime through an <c>OrtStatus</c>: <see cref="Code"/> is ORT's error code and
/// <see cref="Exception.Message"/> is ORT's own message, unchanged.
/// </summary>
public sealed class OrtException : Exception
{
    /// <summary>Creates the exception for a status ORT returned.</summary>
    public OrtException(OrtErrorCode code, string message)
        : base(message)
    {
        Code = code;
    }

    /// <summary>ORT's error code (values ORT adds after this binding was written keep their number).</summary>
    public OrtErrorCode Code { get; }

    /// <inheritdoc />
    public override string ToString() => $"{nameof(OrtException)} [{Code}]: {base.ToString()}";
}
