using Harness.Core.Configuration;

namespace Harness.Infer.Play;

/// <summary>
/// Section <c>Play</c>: agents in the Sim loop driven by an exported policy. Every tick gathers the observations of
/// the agents that decide into one preallocated batch, makes one ONNX Runtime call and applies the argmax actions
/// (greedy, not sampled: the policy is deterministic given its input; the MC graph's action is the argmax of the
/// mean of its passes).
/// </summary>
public sealed class PlayOptions : IValidatedOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Play";

    /// <summary>Agents in each world (overrides Sim:Agents).</summary>
    public int Agents { get; set; } = 64;

    /// <summary>Episodes per policy and distribution; every policy plays the same episode seeds (paired).</summary>
    public int Episodes { get; set; } = 16;

    /// <summary>
    /// Ticks between an agent's decisions (1 = every tick). Agent i decides on ticks t with t mod P = i mod P
    /// (staggered, so each tick about Agents/P agents share one batch) and repeats its action in between; before its
    /// first decision an agent stays.
    /// </summary>
    public int DecisionPeriod { get; set; } = 1;

    /// <summary>
    /// Mutual information (nats) above which an agent's decision falls back to the expert in the uncertainty-aware
    /// mode. At most ln 5 ≈ 1.609 for the 5 actions.
    /// </summary>
    public double MiThreshold { get; set; } = 0.1;

    /// <summary>T, the MC-dropout passes tiled along the batch in the one call per tick of the uncertainty-aware mode.</summary>
    public int MiPasses { get; set; } = 8;

    /// <summary>
    /// The out-of-distribution conditions, each a preset (<see cref="PlayShift.Presets"/>) or <c>custom</c> (the
    /// Shift* knobs below).
    /// </summary>
    public string[] Shifts { get; set; } = ["mines", "sensor-noise", "novel-layouts", "hazards"];

    /// <summary>custom shift: layout family (Train or Novel).</summary>
    public string ShiftLayouts { get; set; } = "Novel";

    /// <summary>custom shift: hazard and drone density multiplier (0…4).</summary>
    public double ShiftHazardDensity { get; set; } = 1.0;

    /// <summary>custom shift: sensor noise σ on the normalized ray distances (0…0.5).</summary>
    public double ShiftSensorNoise { get; set; }

    /// <summary>custom shift: mines (0…64).</summary>
    public int ShiftMines { get; set; }

    /// <summary>Seed of the episodes' worlds and of the random policy.</summary>
    public long Seed { get; set; } = 1000;

    /// <summary>Save a replay (and its GIF) of the first episode of the learned policy in distribution and of the
    /// uncertainty-aware policy under each shift.</summary>
    public bool Replay { get; set; } = true;

    /// <summary>GIF: render every n-th frame.</summary>
    public int ReplayFrameStep { get; set; } = 2;

    /// <inheritdoc />
    public IEnumerable<string> Validate()
    {
        var errors = new List<string>();
        errors.AddRange(Check.Range(nameof(Agents), Agents, 1, 4096));
        errors.AddRange(Check.Range(nameof(Episodes), Episodes, 1, 100_000));
        errors.AddRange(Check.Range(nameof(DecisionPeriod), DecisionPeriod, 1, 1000));
        errors.AddRange(Check.Range(nameof(MiThreshold), MiThreshold, 0, double.PositiveInfinity));
        errors.AddRange(Check.Range(nameof(MiPasses), MiPasses, 2, 256));
        var shifts = Shifts ?? [];
        for (var i = 0; i < shifts.Length; i++)
        {
            errors.AddRange(Check.OneOf($"{nameof(Shifts)}:{i}", shifts[i] ?? "", [.. PlayShift.Presets, PlayShift.Custom]));
        }

        if (shifts.Select(s => s?.Trim().ToLowerInvariant()).Distinct().Count() != shifts.Length)
        {
            errors.Add($"{nameof(Shifts)} = [{string.Join(", ", shifts)}]: must not list a shift twice");
        }

        errors.AddRange(Check.OneOf(nameof(ShiftLayouts), ShiftLayouts, Harness.Sim.SimOptions.TrainLayouts, Harness.Sim.SimOptions.NovelLayouts));
        errors.AddRange(Check.Range(nameof(ShiftHazardDensity), ShiftHazardDensity, 0, 4));
        errors.AddRange(Check.Range(nameof(ShiftSensorNoise), ShiftSensorNoise, 0, 0.5));
        errors.AddRange(Check.Range(nameof(ShiftMines), ShiftMines, 0, 64));
        errors.AddRange(Check.Range(nameof(Seed), Seed, 0, long.MaxValue));
        errors.AddRange(Check.Range(nameof(ReplayFrameStep), ReplayFrameStep, 1, 100));
        return errors;
    }
}
