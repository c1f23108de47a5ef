namespace Harness.Infer.Ort;

/// <summary>What the loaded ONNX Runtime engine is: its version and the execution providers compiled into it.</summary>
public static class OrtRuntime
{
    /// <summary>ORT's name of the CPU execution provider.</summary>
    public const string CpuProvider = "CPUExecutionProvider";

    /// <summary>ORT's name of the CUDA execution provider.</summary>
    public const string CudaProvider = "CUDAExecutionProvider";

    // PublicationOnly: a failed load is not cached, so a later call after `./harness setup` can succeed.
    private static readonly Lazy<IReadOnlyList<string>> LazyProviders = new(ReadProviders, LazyThreadSafetyMode.PublicationOnly);

    /// <summary>The engine's version string, for example "1.30.0".</summary>
    public static string Version => OrtLibrary.Version;

    /// <summary>Execution providers the library was built with (GetAvailableProviders), in ORT's order.</summary>
    public static IReadOnlyList<string> AvailableProviders => LazyProviders.Value;

    /// <summary>Whether <paramref name="provider"/> (an ORT provider name) is compiled into the library.</summary>
    public static bool HasProvider(string provider) => AvailableProviders.Contains(provider, StringComparer.Ordinal);

    private static IReadOnlyList<string> ReadProviders()
    {
        OrtLibrary.EnsureLoaded();
        return Array.AsReadOnly(OrtApi.GetAvailableProviders());
    }
}
