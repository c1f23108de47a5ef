namespace Harness.Export.Onnx;

/// <summary>A file (or buffer) is not a readable ONNX model; the message names the source.</summary>
public sealed class OnnxFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="sourceName">The file path or buffer description that failed.</param>
    /// <param name="message">What is wrong; should name <paramref name="sourceName"/>.</param>
    /// <param name="inner">The protobuf error, if any.</param>
    public OnnxFormatException(string sourceName, string message, Exception? inner = null) : base(message, inner)
    {
        SourceName = sourceName;
    }

    /// <summary>The file path or buffer description that failed.</summary>
    public string SourceName { get; }
}
