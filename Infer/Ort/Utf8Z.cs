using System.Text;

namespace Harness.Infer.Ort;

/// <summary>Zero-terminated UTF-8 encoding for strings passed to the C API (setup paths only, never per run).</summary>
internal static class Utf8Z
{
    /// <summary>The UTF-8 bytes of <paramref name="value"/> followed by one NUL byte.</summary>
    public static byte[] Encode(string value)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(value) + 1];
        Encoding.UTF8.GetBytes(value, bytes);
        return bytes;
    }
}
