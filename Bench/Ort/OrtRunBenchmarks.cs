using BenchmarkDotNet.Attributes;
using Harness.Infer.Ort;

namespace Harness.Bench.Ort;

/// <summary>
/// Cost of one <see cref="OrtRunner.Run"/> (a game tick's batched decision for <see cref="BatchSize"/> agents) on the
/// model named by <c>HARNESS_BENCH_MODEL</c>, else on the walking skeleton's MLP (<see cref="BenchModels.FashionMlp"/>). Inputs are seeded
/// random values written once; the memory diagnoser shows the zero-allocation steady state. Batch sizes from one
/// agent to a crowd, ORT's intra-op pool at 1 and 2 threads.
/// </summary>
[Config(typeof(InferenceBenchConfig))]
[MemoryDiagnoser]
public class OrtRunBenchmarks
{
    /// <summary>Environment variable naming the ONNX model to benchmark (inherited by BenchmarkDotNet's child processes).</summary>
    public const string ModelVariable = "HARNESS_BENCH_MODEL";

    private const int Seed = 20240501;

    private OrtSession? _session;
    private OrtRunner? _runner;

    /// <summary>Rows per run: one agent, a squad, a crowd, a large crowd, a bulk evaluation.</summary>
    [Params(1, 8, 64, 256, 1024)]
    public int BatchSize { get; set; } = 1;

    /// <summary>Threads of ORT's intra-op pool (<see cref="OrtSessionSettings.IntraOpThreads"/>).</summary>
    [Params(1, 2)]
    public int IntraOpThreads { get; set; } = 1;

    /// <summary>The model file named by <see cref="ModelVariable"/>, or null for the built-in MLP.</summary>
    public static string? ModelPath()
    {
        var fromEnv = Environment.GetEnvironmentVariable(ModelVariable);
        return string.IsNullOrWhiteSpace(fromEnv) ? null : Path.GetFullPath(fromEnv);
    }

    /// <summary>Opens the session and prepares a runner with seeded inputs.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var path = ModelPath();
        var settings = OrtSessionSettings.Default with { IntraOpThreads = IntraOpThreads };
        _session = path is null
            ? OrtSession.FromBytes(BenchModels.FashionMlp(), settings, description: "skeleton MLP")
            : OrtSession.Open(path, settings);
        _runner = new OrtRunner(_session, BatchSize);
        var random = new Random(Seed);
        for (var i = 0; i < _runner.InputCount; i++)
        {
            var input = _runner.Input(i);
            for (var j = 0; j < input.Length; j++)
            {
                input[j] = (float)(random.NextDouble() * 2 - 1);
            }
        }
    }

    /// <summary>One batched run.</summary>
    [Benchmark]
    public void Run() => _runner!.Run();

    /// <summary>Releases the runner and the session.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _runner?.Dispose();
        _session?.Dispose();
        _runner = null;
        _session = null;
    }
}
