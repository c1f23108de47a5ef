using Harness.Core;

namespace Harness.Infer.Ort;

/// <summary>Builds an <c>OrtSessionOptions</c> from <see cref="OrtSessionSettings"/>.</summary>
internal static class OrtSessionOptionsBuilder
{
    /// <summary>
    /// Validates <paramref name="settings"/>, checks that the requested provider is compiled into the library, then
    /// creates and fills the options. A provider that is missing, or listed but unable to start (its provider
    /// library or the CUDA runtime absent), gives a <see cref="UsageException"/> that lists the available providers.
    /// </summary>
    public static OrtSessionOptionsHandle Build(OrtSessionSettings settings)
    {
        settings.ThrowIfInvalid();
        _ = OrtEnvironment.Instance; // ORT logs through the environment while appending providers
        RequireProvider(settings, OrtRuntime.AvailableProviders);

        var handle = OrtApi.CreateSessionOptions();
        try
        {
            var options = handle.DangerousGetHandle();
            OrtApi.SetIntraOpNumThreads(options, settings.IntraOpThreads);
            OrtApi.SetInterOpNumThreads(options, settings.InterOpThreads);
            OrtApi.SetSessionGraphOptimizationLevel(options, (int)settings.GraphOptimization);
            OrtApi.SetSessionExecutionMode(options, (int)settings.ExecutionMode);
            foreach (var (key, value) in settings.EffectiveConfigEntries())
            {
                OrtApi.AddSessionConfigEntry(options, key, value);
            }

            if (settings.UsesCuda)
            {
                AppendCuda(options, settings);
            }

            return handle;
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>Throws <see cref="UsageException"/> when <paramref name="settings"/> asks for a provider not in <paramref name="available"/>.</summary>
    internal static void RequireProvider(OrtSessionSettings settings, IReadOnlyList<string> available)
    {
        if (settings.UsesCuda && !available.Contains(OrtRuntime.CudaProvider))
        {
            throw new UsageException(
                $"Execution provider '{settings.ExecutionProvider}' needs {OrtRuntime.CudaProvider}, which {Library()} " +
                $"does not have. {Advice(available)}");
        }
    }

    private static void AppendCuda(nint options, OrtSessionSettings settings)
    {
        try
        {
            OrtApi.AppendCudaProvider(options, settings.DeviceId);
        }
        catch (OrtException e)
        {
            throw new UsageException(
                $"Execution provider '{settings.ExecutionProvider}' (device {settings.DeviceId}): {Library()} lists " +
                $"{OrtRuntime.CudaProvider} but could not start it: {e.Message.TrimEnd()} {Advice(OrtRuntime.AvailableProviders)}",
                e);
        }
    }

    private static string Library() => $"this ONNX Runtime build ({OrtRuntime.Version}, loaded from {OrtLibrary.LoadedFrom})";

    private static string Advice(IReadOnlyList<string> available) =>
        $"Available providers: {string.Join(", ", available)}. Use '{OrtSessionSettings.Cpu}', or set " +
        $"{OrtLibrary.PathVariable} to an ONNX Runtime build whose CUDA provider libraries and CUDA runtime are installed.";
}
