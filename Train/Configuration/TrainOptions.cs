using Harness.Core.Configuration;

namespace Harness.Train.Configuration;

/// <summary>Section <c>Train</c>: the loop itself (budget, batch, device, threads, resume).</summary>
public sealed class TrainOptions : IValidatedOptions
{
    public int Epochs { get; set; } = 20;

    public int BatchSize { get; set; } = 128;

    /// <summary>auto | cpu | cuda | cuda:N.</summary>
    public string Device { get; set; } = "auto";

    /// <summary>libtorch intra-op threads; 0 = one per core.</summary>
    public int Threads { get; set; } = 2;

    /// <summary>Resume from the run folder's last checkpoint when one exists for the same configuration.</summary>
    public bool Resume { get; set; } = true;

    /// <summary>Training images evaluated (eval mode, no augmentation) for the reported train accuracy; 0 = all.</summary>
    public int EvalTrainSamples { get; set; } = 10_000;

    public IEnumerable<string> Validate()
    {
        var errors = new List<string>();
        errors.AddRange(Check.Range(nameof(Epochs), Epochs, 1, 10_000));
        errors.AddRange(Check.Range(nameof(BatchSize), BatchSize, 2, 65_536));
        errors.AddRange(Check.Range(nameof(Threads), Threads, 0, 256));
        errors.AddRange(Check.Range(nameof(EvalTrainSamples), EvalTrainSamples, 0, 10_000_000));
        var device = Device.Trim().ToLowerInvariant();
        if (device is not ("auto" or "cpu" or "cuda") &&
            !(device.StartsWith("cuda:", StringComparison.Ordinal) && int.TryParse(device.AsSpan(5), out var n) && n >= 0))
        {
            errors.Add($"{nameof(Device)} = '{Device}': must be auto, cpu, cuda or cuda:N");
        }

        return errors;
    }
}
