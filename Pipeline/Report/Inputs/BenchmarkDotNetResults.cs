using System.Text.Json.Nodes;

namespace Harness.Pipeline.Report.Inputs;

/// <summary>One benchmark case of a BenchmarkDotNet JSON export; times in nanoseconds per operation.</summary>
/// <param name="Name">Type.Method and the parameters ("OrtRunBenchmarks.Run BatchSize=32").</param>
/// <param name="MeanNs">Mean time per operation.</param>
/// <param name="MedianNs">Median, when exported.</param>
/// <param name="P95Ns">95th percentile, when exported.</param>
/// <param name="StdDevNs">Standard deviation, when exported.</param>
/// <param name="AllocatedBytes">Managed bytes allocated per operation (MemoryDiagnoser), when exported.</param>
/// <param name="SamplesNs">
/// Per-iteration times per operation, overhead subtracted: the Workload/Result measurements (what BenchmarkDotNet's
/// statistics are computed from), else the statistics' original values, else the raw Workload/Actual measurements.
/// </param>
public sealed record BenchmarkCase(string Name, double MeanNs, double? MedianNs, double? P95Ns, double? StdDevNs,
    double? AllocatedBytes, IReadOnlyList<double> SamplesNs);

/// <summary>
/// Reader of BenchmarkDotNet's JSON exporter output (<c>--exporters json</c>, <c>[JsonExporterAttribute.Full]</c>;
/// files named <c>*-report-full.json</c>, <c>*-report-brief.json</c> or <c>*-report.json</c> under
/// BenchmarkDotNet.Artifacts/results, copied to runs/bench/). The shape read (other fields are ignored):
/// <code>
/// {
///   "Title": "...",
///   "HostEnvironmentInfo": { "BenchmarkDotNetVersion": "0.14.0", "OsVersion": "...", "ProcessorName": "...", "RuntimeVersion": "..." },
///   "Benchmarks": [ {
///     "Type": "OrtRunBenchmarks", "Method": "Run", "Parameters": "BatchSize=32", "FullName": "...",
///     "Statistics": { "N": 15, "Mean": 1234.5, "Median": ..., "StandardDeviation": ..., "OriginalValues": [ns, ...],
///                     "Percentiles": { "P50": ..., "P95": ... } },
///     "Memory": { "BytesAllocatedPerOperation": 0 },
///     "Measurements": [ { "IterationMode": "Workload", "IterationStage": "Result", "Operations": 1024, "Nanoseconds": 1.2e6 }, ... ]
///   } ]
/// }
/// </code>
/// A benchmark without statistics (it failed) is kept out of the cases and counted in <see cref="Failed"/>.
/// </summary>
public sealed record BenchmarkDotNetResults(string Title, string? Host, IReadOnlyList<BenchmarkCase> Cases, int Failed)
{
    /// <summary>True when <paramref name="root"/> looks like BenchmarkDotNet's export (a "Benchmarks" array).</summary>
    public static bool Recognizes(JsonNode? root) => JsonInput.Get(root, "Benchmarks") is JsonArray;

    public static BenchmarkDotNetResults Read(JsonNode root)
    {
        var cases = new List<BenchmarkCase>();
        var failed = 0;
        foreach (var b in JsonInput.Objects(JsonInput.Get(root, "Benchmarks")))
        {
            var stats = JsonInput.Get(b, "Statistics");
            var mean = JsonInput.Number(stats, "Mean");
            if (mean is null || !double.IsFinite(mean.Value))
            {
                failed++;
                continue;
            }

            var type = JsonInput.Text(b, "Type") ?? "";
            var method = JsonInput.Text(b, "Method") ?? JsonInput.Text(b, "MethodTitle") ?? JsonInput.Text(b, "DisplayInfo") ?? "benchmark";
            var parameters = JsonInput.Text(b, "Parameters");
            var name = (type.Length > 0 ? $"{type}.{method}" : method) + (string.IsNullOrWhiteSpace(parameters) ? "" : $" {parameters}");
            cases.Add(new BenchmarkCase(
                name,
                mean.Value,
                JsonInput.Number(stats, "Median"),
                JsonInput.Number(JsonInput.Get(stats, "Percentiles"), "P95"),
                JsonInput.Number(stats, "StandardDeviation"),
                JsonInput.Number(JsonInput.Get(b, "Memory"), "BytesAllocatedPerOperation"),
                Samples(b, stats)));
        }

        var host = JsonInput.Get(root, "HostEnvironmentInfo");
        var hostText = host is null
            ? null
            : string.Join(", ", new[]
            {
                JsonInput.Text(host, "BenchmarkDotNetCaption") is { } caption ? $"{caption} {JsonInput.Text(host, "BenchmarkDotNetVersion")}".Trim() : null,
                JsonInput.Text(host, "OsVersion"),
                JsonInput.Text(host, "ProcessorName"),
                JsonInput.Text(host, "RuntimeVersion"),
            }.Where(s => !string.IsNullOrWhiteSpace(s)));
        return new BenchmarkDotNetResults(JsonInput.Text(root, "Title") ?? "BenchmarkDotNet", string.IsNullOrEmpty(hostText) ? null : hostText, cases, failed);
    }

    private static IReadOnlyList<double> Samples(JsonNode b, JsonNode? stats)
    {
        var result = Measured(b, "Result");
        if (result.Count > 0)
        {
            return result;
        }

        var original = JsonInput.Numbers(JsonInput.Get(stats, "OriginalValues")) ?? [];
        return original.Count > 0 ? original : Measured(b, "Actual");
    }

    /// <summary>Nanoseconds per operation of the workload measurements of one stage.</summary>
    private static List<double> Measured(JsonNode b, string stage) =>
        JsonInput.Objects(JsonInput.Get(b, "Measurements"))
            .Where(m => string.Equals(JsonInput.Text(m, "IterationMode"), "Workload", StringComparison.OrdinalIgnoreCase) &&
                        string.Equals(JsonInput.Text(m, "IterationStage"), stage, StringComparison.OrdinalIgnoreCase))
            .Select(m => (Ns: JsonInput.Number(m, "Nanoseconds"), Ops: JsonInput.Number(m, "Operations")))
            .Where(m => m.Ns is > 0 && m.Ops is > 0)
            .Select(m => m.Ns!.Value / m.Ops!.Value)
            .ToList();
}
