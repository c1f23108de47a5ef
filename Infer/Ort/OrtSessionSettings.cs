using System.Globalization;
using Harness.Core;
using Harness.Core.Configuration;

namespace Harness.Infer.Ort;

/// <summary>
/// How a session is configured: threads, graph optimization, execution mode, session config entries and the
/// execution provider. <see cref="OrtSessionOptionsBuilder"/> turns it into an <c>OrtSessionOptions</c>.
/// </summary>
public sealed record OrtSessionSettings : IValidatedOptions
{
    /// <summary>Execution provider value for the CPU (always available).</summary>
    public const string Cpu = "cpu";

    /// <summary>Execution provider value for CUDA (needs a library built with CUDAExecutionProvider).</summary>
    public const string Cuda = "cuda";

    /// <summary>Config key that lets idle intra-op threads spin after each run.</summary>
    public const string AllowSpinningKey = "session.intra_op.allow_spinning";

    /// <summary>
    /// Entries applied unless <see cref="ConfigEntries"/> sets the same key: spinning off, so idle ORT threads do not
    /// burn the cores a game loop or a trainer needs between runs.
    /// </summary>
    public static IReadOnlyDictionary<string, string> DefaultConfigEntries { get; } =
        new Dictionary<string, string>(StringComparer.Ordinal) { [AllowSpinningKey] = "0" }.AsReadOnly();

    /// <summary>The defaults: CPU, ORT's thread counts, every graph optimization, sequential execution.</summary>
    public static OrtSessionSettings Default { get; } = new();

    /// <summary>
    /// Threads of the intra-op pool; 0 lets ORT choose (one per physical core). 1 by default: small models gain little
    /// from more, and a game loop or a trainer in the same process keeps its cores.
    /// </summary>
    public int IntraOpThreads { get; init; } = 1;

    /// <summary>Threads of the inter-op pool (used in parallel mode); 0 lets ORT choose.</summary>
    public int InterOpThreads { get; init; } = 1;

    /// <summary>Graph optimization level.</summary>
    public OrtGraphOptimization GraphOptimization { get; init; } = OrtGraphOptimization.All;

    /// <summary>Execution mode.</summary>
    public OrtExecutionMode ExecutionMode { get; init; } = OrtExecutionMode.Sequential;

    /// <summary>Session config entries (AddSessionConfigEntry), on top of <see cref="DefaultConfigEntries"/>.</summary>
    public IReadOnlyDictionary<string, string> ConfigEntries { get; init; } =
        new Dictionary<string, string>(StringComparer.Ordinal).AsReadOnly();

    /// <summary><see cref="Cpu"/> (default) or <see cref="Cuda"/>, case-insensitive.</summary>
    public string ExecutionProvider { get; init; } = Cpu;

    /// <summary>GPU ordinal for <see cref="Cuda"/>.</summary>
    public int DeviceId { get; init; }

    /// <summary>Whether <see cref="ExecutionProvider"/> asks for CUDA.</summary>
    public bool UsesCuda => string.Equals(ExecutionProvider, Cuda, StringComparison.OrdinalIgnoreCase);

    /// <summary><see cref="DefaultConfigEntries"/> overlaid with <see cref="ConfigEntries"/>, in a stable order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> EffectiveConfigEntries()
    {
        var merged = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in DefaultConfigEntries)
        {
            merged[key] = value;
        }

        foreach (var (key, value) in ConfigEntries)
        {
            merged[key] = value;
        }

        return [.. merged];
    }

    /// <summary>Throws <see cref="UsageException"/> naming every bad value at once (name, value, allowed range).</summary>
    public void ThrowIfInvalid()
    {
        var errors = Validate().ToList();
        if (errors.Count > 0)
        {
            throw new UsageException("Invalid ONNX Runtime session settings:\n  " + string.Join("\n  ", errors));
        }
    }

    /// <summary>Every bad value (name, value, allowed range); empty when the settings are usable.</summary>
    public IEnumerable<string> Validate()
    {
        var errors = new List<string>();
        if (IntraOpThreads < 0)
        {
            errors.Add(Bad(nameof(IntraOpThreads), IntraOpThreads, ">= 0 (0 = ORT chooses)"));
        }

        if (InterOpThreads < 0)
        {
            errors.Add(Bad(nameof(InterOpThreads), InterOpThreads, ">= 0 (0 = ORT chooses)"));
        }

        if (!Enum.IsDefined(GraphOptimization))
        {
            errors.Add(Bad(nameof(GraphOptimization), GraphOptimization, "Disable, Basic, Extended or All"));
        }

        if (!Enum.IsDefined(ExecutionMode))
        {
            errors.Add(Bad(nameof(ExecutionMode), ExecutionMode, "Sequential or Parallel"));
        }

        if (!string.Equals(ExecutionProvider, Cpu, StringComparison.OrdinalIgnoreCase) && !UsesCuda)
        {
            errors.Add(Bad(nameof(ExecutionProvider), $"'{ExecutionProvider}'", $"'{Cpu}' or '{Cuda}'"));
        }

        if (DeviceId < 0)
        {
            errors.Add(Bad(nameof(DeviceId), DeviceId, ">= 0"));
        }

        foreach (var (key, value) in ConfigEntries)
        {
            if (string.IsNullOrWhiteSpace(key) || value is null)
            {
                errors.Add(Bad(nameof(ConfigEntries), $"'{key}' = '{value}'", "a non-empty key with a value"));
            }
        }

        return errors;
    }

    private static string Bad(string name, object value, string allowed) =>
        string.Create(CultureInfo.InvariantCulture, $"{name} = {value}: must be {allowed}");
}
