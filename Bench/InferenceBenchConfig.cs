using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Order;

namespace Harness.Bench;

/// <summary>
/// The named config of the inference benchmarks: adds the 95th percentile and throughput columns, keeps the
/// declared order, and runs every job with <see cref="BenchProjectToolchain"/> (a mutator job: it sets only the
/// toolchain, so the command line, <c>--job short</c> and so on, still picks the run length).
/// </summary>
public sealed class InferenceBenchConfig : ManualConfig
{
    /// <summary>Creates the config.</summary>
    public InferenceBenchConfig()
    {
        AddColumn(StatisticColumn.P95, StatisticColumn.OperationsPerSecond);
        Orderer = new DefaultOrderer(SummaryOrderPolicy.Declared);
        AddJob(Job.Default.WithToolchain(BenchProjectToolchain.Create()).AsMutator());
    }
}
