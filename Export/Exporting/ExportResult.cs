namespace Harness.Export.Exporting;

/// <summary>What <see cref="Exporter.Export"/> wrote and measured.</summary>
/// <param name="ModelPath">The deployment graph, model.onnx.</param>
/// <param name="McModelPath">The MC-dropout graph, model.mc.onnx; null when nothing in the model samples with
/// the chosen kinds (see <see cref="McSkipReason"/>).</param>
/// <param name="ProbePath">The probe, probe.safetensors.</param>
/// <param name="MaxAbsDifference">max |trainer eval output − ORT deployment output| over the probe.</param>
/// <param name="Tolerance">The bar it had to stay under.</param>
/// <param name="McMaxRunDifference">max |run 1 − run 2| of the MC graph on the probe (0 without an MC graph).</param>
/// <param name="McSites">Where the MC graph samples.</param>
/// <param name="McSkipReason">Why no MC graph was written, or null.</param>
public sealed record ExportResult(
    string ModelPath, string? McModelPath, string ProbePath, double MaxAbsDifference, double Tolerance,
    double McMaxRunDifference, IReadOnlyList<McDropoutSite> McSites, string? McSkipReason);
