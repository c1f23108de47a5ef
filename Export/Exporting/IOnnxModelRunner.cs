namespace Harness.Export.Exporting;

/// <summary>
/// Runs an ONNX file in an inference engine, for the exporter's self-verification. The Export project cannot
/// reference the ONNX Runtime binding (Infer references Export), so the engine comes in through this interface;
/// Infer's <c>OrtOnnxModelRunner</c> implements it with ONNX Runtime's default session settings.
/// </summary>
public interface IOnnxModelRunner
{
    /// <summary>
    /// Loads the single-input model at <paramref name="modelPath"/> once and runs it <paramref name="runs"/> times
    /// on the same input; returns each run's first output.
    /// </summary>
    IReadOnlyList<float[]> Run(string modelPath, float[] input, long[] shape, int runs);
}
