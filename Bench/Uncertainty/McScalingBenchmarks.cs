using BenchmarkDotNet.Attributes;
using Harness.Infer.Ort;
using Harness.Infer.Uncertainty;

namespace Harness.Bench.Uncertainty;

/// <summary>How the MC benchmarks run T passes.</summary>
public enum McBenchMode
{
    /// <summary>T separate ORT calls of the plain MC graph (<see cref="McExecutionMode.Loop"/>).</summary>
    Loop,

    /// <summary>The plain MC graph fed the batch tiled T times (<see cref="McExecutionMode.Tiled"/>): every layer runs on B·T rows.</summary>
    Tiled,

    /// <summary>The prefix-shared MC graph, tiled: the layers before the first mask run on B rows, the rest on B·T.</summary>
    SharedTiled,
}

/// <summary>
/// MC-dropout cost against the number of passes T for the MLP and the CNN of <see cref="BenchModels.McModel"/>,
/// through <see cref="McPassRunner"/> (default cap of rows per call) at batch 1 and 32: the naive loop, the plain
/// tiled graph and the prefix-shared tiled graph. One operation = all T passes over the batch, logits written out.
/// </summary>
[Config(typeof(InferenceBenchConfig))]
[MemoryDiagnoser]
public class McScalingBenchmarks
{
    private const int Seed = 20240503;

    private OrtSession? _session;
    private McPassRunner? _runner;
    private float[] _inputs = [];
    private float[] _logits = [];

    /// <summary><see cref="BenchModels.Mlp"/> or <see cref="BenchModels.Cnn"/>.</summary>
    [Params(BenchModels.Mlp, BenchModels.Cnn)]
    public string Model { get; set; } = BenchModels.Mlp;

    /// <summary>Samples per evaluation.</summary>
    [Params(1, 32)]
    public int BatchSize { get; set; } = 1;

    /// <summary>T, the number of stochastic passes.</summary>
    [Params(1, 10, 30, 100)]
    public int Passes { get; set; } = 1;

    /// <summary>How the passes run.</summary>
    [ParamsAllValues]
    public McBenchMode Mode { get; set; }

    /// <summary>The logits of the last run, [BatchSize, Passes, 10].</summary>
    public ReadOnlySpan<float> Logits => _logits;

    /// <summary>Exports the graph of the mode, opens it (one intra-op thread) and writes seeded inputs.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var (plain, shared, sampleShape) = BenchModels.McGraphs(Model);
        _session = OrtSession.FromBytes(Mode == McBenchMode.SharedTiled ? shared : plain, description: $"MC {Model} ({Mode})");
        _runner = new McPassRunner(_session);
        var random = new Random(Seed);
        _inputs = new float[BatchSize * (int)sampleShape.Aggregate(1L, (a, d) => a * d)];
        for (var i = 0; i < _inputs.Length; i++)
        {
            _inputs[i] = (float)(random.NextDouble() * 2 - 1);
        }

        _logits = new float[BatchSize * Passes * _runner.Classes];
    }

    /// <summary>T passes over the batch.</summary>
    [Benchmark]
    public void Run() =>
        _runner!.Run(_inputs, BatchSize, Passes, Mode == McBenchMode.Loop ? McExecutionMode.Loop : McExecutionMode.Tiled, _logits);

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
