using Harness.Core.Configuration;

namespace Harness.Train.Configuration;

/// <summary>Section <c>Train</c>: model, optimizer and loop settings.</summary>
public sealed class TrainOptions : IValidatedOptions
{
    public int Epochs { get; set; } = 1;

    public int BatchSize { get; set; } = 128;

    public double LearningRate { get; set; } = 1e-3;

    /// <summary>AdamW's decoupled weight decay.</summary>
    public double WeightDecay { get; set; } = 0.01;

    /// <summary>MLP hidden widths.</summary>
    public int[] Hidden { get; set; } = [256];

    /// <summary>BatchNorm1d after each hidden Linear.</summary>
    public bool BatchNorm { get; set; } = true;

    /// <summary>Dropout probability after each hidden activation (0 disables).</summary>
    public double Dropout { get; set; } = 0.2;

    /// <summary>auto | cpu | cuda | cuda:N.</summary>
    public string Device { get; set; } = "auto";

    /// <summary>libtorch intra-op threads; 0 = one per core.</summary>
    public int Threads { get; set; }

    public IEnumerable<string> Validate()
    {
        var errors = new List<string>();
        errors.AddRange(Check.Range(nameof(Epochs), Epochs, 1, 10_000));
        errors.AddRange(Check.Range(nameof(BatchSize), BatchSize, 2, 65_536));
        errors.AddRange(Check.Range(nameof(LearningRate), LearningRate, 1e-8, 10));
        errors.AddRange(Check.Range(nameof(WeightDecay), WeightDecay, 0, 1));
        errors.AddRange(Check.RangeExclusiveMax(nameof(Dropout), Dropout, 0, 1));
        errors.AddRange(Check.Range(nameof(Threads), Threads, 0, 256));
        if (Hidden.Length == 0 || Hidden.Any(h => h < 1 || h > 65_536))
        {
            errors.Add($"{nameof(Hidden)} = [{string.Join(", ", Hidden)}]: needs at least one width, each between 1 and 65536");
        }

        var device = Device.Trim().ToLowerInvariant();
        if (device is not ("auto" or "cpu" or "cuda") &&
            !(device.StartsWith("cuda:", StringComparison.Ordinal) && int.TryParse(device.AsSpan(5), out var n) && n >= 0))
        {
            errors.Add($"{nameof(Device)} = '{Device}': must be auto, cpu, cuda or cuda:N");
        }

        return errors;
    }
}
