using System.Text.Json;

namespace Harness.Tests.Golden;

/// <summary>Reads the committed golden files written by Tests/Golden/make_golden.py (PyTorch).</summary>
internal static class GoldenData
{
    public static JsonElement Load(string fileName)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Golden", fileName);
        using var stream = File.OpenRead(path);
        return JsonDocument.Parse(stream).RootElement.Clone();
    }

    public static float[] Floats(this JsonElement element) =>
        element.EnumerateArray().Select(e => (float)e.GetDouble()).ToArray();

    public static long[] Longs(this JsonElement element) =>
        element.EnumerateArray().Select(e => e.GetInt64()).ToArray();
}
