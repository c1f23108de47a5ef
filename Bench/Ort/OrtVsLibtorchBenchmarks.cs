using BenchmarkDotNet.Attributes;
using Harness.Export.Exporting;
using Harness.Export.Onnx;
using Harness.Infer.Ort;
using Harness.Train.Modules;
using Harness.Train.Torch;

namespace Harness.Bench.Ort;

/// <summary>
/// The same eval-mode forward pass through our two engine bindings, on one module: the skeleton MLP
/// (<see cref="BenchModels.FashionMlpModule"/>), exported with <see cref="DeploymentExporter"/> for ORT (baseline:
/// <see cref="OrtRunner.Run"/> over pinned buffers) and run by libtorch through our Train binding
/// (<see cref="Tensor.FromArray(ReadOnlySpan{float}, ReadOnlySpan{long}, Device?)"/> of a preallocated input, forward
/// under no-grad in eval mode, <see cref="Tensor.CopyTo"/> into a preallocated output; a tensor scope frees the
/// temporaries). Both engines use one intra-op thread.
/// </summary>
[Config(typeof(InferenceBenchConfig))]
[MemoryDiagnoser]
public class OrtVsLibtorchBenchmarks
{
    /// <summary>Intra-op threads of both engines.</summary>
    public const int Threads = 1;

    private const int Seed = 20240502;

    private Sequential? _model;
    private OrtSession? _session;
    private OrtRunner? _runner;
    private float[] _input = [];
    private float[] _torchOutput = [];
    private long[] _shape = [];

    /// <summary>Rows per forward pass.</summary>
    [Params(1, 8, 64, 256, 1024)]
    public int BatchSize { get; set; } = 1;

    /// <summary>ORT's output of the last <see cref="Ort"/> call, [BatchSize, 10].</summary>
    public ReadOnlySpan<float> OrtOutput => _runner!.Output(0);

    /// <summary>libtorch's output of the last <see cref="Libtorch"/> call, [BatchSize, 10].</summary>
    public ReadOnlySpan<float> TorchOutput => _torchOutput;

    /// <summary>Builds the module, exports it, opens the session and writes the same seeded input to both sides.</summary>
    [GlobalSetup]
    public void Setup()
    {
        Torch.Threads = Threads;
        _model = BenchModels.FashionMlpModule();
        var bytes = OnnxModelWriter.ToBytes(DeploymentExporter.Export(_model, [784], new OnnxModelInfo()));
        _session = OrtSession.FromBytes(bytes, OrtSessionSettings.Default with { IntraOpThreads = Threads }, "skeleton MLP");
        _runner = new OrtRunner(_session, BatchSize);
        _input = new float[BatchSize * 784];
        var random = new Random(Seed);
        for (var i = 0; i < _input.Length; i++)
        {
            _input[i] = (float)(random.NextDouble() * 2 - 1);
        }

        _input.CopyTo(_runner.Input(0));
        _torchOutput = new float[BatchSize * 10];
        _shape = [BatchSize, 784];
    }

    /// <summary>One ORT run.</summary>
    [Benchmark(Baseline = true)]
    public void Ort() => _runner!.Run();

    /// <summary>One libtorch forward: input copied in, no-grad eval forward, output copied out.</summary>
    [Benchmark]
    public void Libtorch()
    {
        using var scope = TensorScope.Begin();
        using var noGrad = Torch.NoGrad();
        var x = Tensor.FromArray(_input, _shape);
        _model!.Forward(x).CopyTo(_torchOutput);
    }

    /// <summary>Releases the runner, the session and the module.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _runner?.Dispose();
        _session?.Dispose();
        _model?.Dispose();
        _runner = null;
        _session = null;
        _model = null;
    }
}
