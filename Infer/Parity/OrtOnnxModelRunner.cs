using Harness.Export.Exporting;
using Harness.Infer.Ort;

namespace Harness.Infer.Parity;

/// <summary>
/// The exporter's verification engine: ONNX Runtime with the given session settings (default: every graph
/// optimization on, as a deployed model would run).
/// </summary>
public sealed class OrtOnnxModelRunner : IOnnxModelRunner
{
    private readonly OrtSessionSettings _settings;

    public OrtOnnxModelRunner(OrtSessionSettings? settings = null) => _settings = settings ?? OrtSessionSettings.Default;

    /// <inheritdoc />
    /// <exception cref="OrtException">ONNX Runtime cannot load or run the model.</exception>
    public IReadOnlyList<float[]> Run(string modelPath, float[] input, long[] shape, int runs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(runs, 1);
        using var session = OrtSession.Open(modelPath, _settings);
        return Enumerable.Range(0, runs).Select(_ => session.RunOnce(input, shape)).ToArray();
    }
}
