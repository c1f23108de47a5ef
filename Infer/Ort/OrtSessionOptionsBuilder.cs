using Harness.Core;

namespace Harness.Infer.Ort;

/// <summary>Builds an <c>OrtSessionOptions</c> from <see cref="OrtSessionSettings"/>.</summary>
internal static class OrtSessionOptionsBuilder
{
    /// <summary>
    /// Validates <paramref name="settings"/>, checks that the requested provider is compiled into the library
    /// (a <see cref="UsageException"/> lists the ones it has otherwise), then creates and fills the options.
    /// </summary>
    public static OrtSessionOptionsHandle Build(OrtSessionSettings settings)
    {
        settings.Validate();
        OrtLibrary.EnsureLoaded();
        if (settings.UsesCuda && !OrtRuntime.HasProvider(OrtRuntime.CudaProvider))
        {
            throw new UsageException(
                $"Execution provider '{settings.ExecutionProvider}' needs {OrtRuntime.CudaProvider}, which this ONNX Runtime " +
                $"build ({OrtRuntime.Version}, loaded from {OrtLibrary.LoadedFrom}) does not have. Available providers: " +
                $"{string.Join(", ", OrtRuntime.AvailableProviders)}. Use '{OrtSessionSettings.Cpu}', or set " +
                $"{OrtLibrary.PathVariable} to a CUDA build of ONNX Runtime.");
        }

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
                OrtApi.AppendCudaProvider(options, settings.DeviceId);
            }

            return handle;
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }
}
