using BenchmarkDotNet.Attributes;

namespace Harness.Bench.Training;

/// <summary>The training step through our libtorch binding (batch 128); samples/s = 128 / mean.</summary>
[Config(typeof(InferenceBenchConfig))]
[MemoryDiagnoser]
public class TrainStepBenchmarks
{
    private TrainStep? _step;

    [Params("mlp", "cnn")]
    public string Model { get; set; } = "mlp";

    [GlobalSetup]
    public void Setup()
    {
        Harness.Train.Torch.Torch.Threads = Environment.ProcessorCount;
        _step = new TrainStep(Model, 128);
    }

    [Benchmark]
    public double Step() => _step!.Run();

    [GlobalCleanup]
    public void Cleanup() => _step?.Dispose();
}
