using Harness.Core.Console;
using Harness.Sim.Policies;

namespace Harness.Sim.Data;

/// <summary>
/// Generates the behaviour-cloning dataset: each row is one agent's observation (<see cref="Observation.Size"/>
/// floats, with the options' sensor noise) and its label is the <see cref="ExpertPolicy"/>'s action for the
/// noise-free observation. To visit the states a learner will reach, agents execute a uniformly random action
/// instead of the expert's with probability <c>exploration</c> (the label stays the expert's). Worlds are
/// generated from seeds derived from <c>seed</c>; every <see cref="RecordEvery"/>-th tick records all agents.
/// </summary>
public static class BehaviourCloningData
{
    /// <summary>Ticks between recorded ticks (consecutive ticks are nearly identical).</summary>
    public const int RecordEvery = 4;

    /// <summary>Generates <paramref name="samples"/> rows.</summary>
    public static FeatureDataset Generate(SimOptions options, int samples, ulong seed, double exploration = 0.2, ProgressLine? progress = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(samples);
        if (exploration is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(exploration), exploration, "Exploration must be between 0 and 1.");
        }

        options.ThrowIfInvalid();
        var features = new float[(long)samples * Observation.Size];
        var labels = new int[samples];
        var rng = new SimRandom(SimRandom.Derive(seed, 0x4243));
        var clean = new float[Observation.Size];
        var filled = 0;
        for (ulong w = 0; filled < samples; w++)
        {
            var world = World.Create(options, SimRandom.Derive(seed, w));
            var actions = new int[world.AgentCount];
            while (!world.IsDone && filled < samples)
            {
                var record = world.Tick % RecordEvery == 0;
                for (var i = 0; i < world.AgentCount; i++)
                {
                    world.ObserveTrue(i, clean);
                    var expert = (int)ExpertPolicy.Decide(clean);
                    if (record && filled < samples)
                    {
                        world.Observe(i, features.AsSpan(filled * Observation.Size, Observation.Size));
                        labels[filled++] = expert;
                    }

                    actions[i] = rng.NextFloat() < exploration ? rng.NextInt(AgentActions.Count) : expert;
                }

                world.Step(actions);
                progress?.Report(filled, samples, $"world {w + 1}");
            }
        }

        var description = $"behaviour cloning {ExpertPolicy.LabelTag}: {samples} rows from seed {seed}, exploration {exploration}, options {options}";
        return new FeatureDataset(features, labels, Observation.Size, [.. AgentActions.Names], description);
    }
}
