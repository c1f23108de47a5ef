using Harness.Sim;

namespace Harness.Infer.Play;

/// <summary>Uniformly random actions from a seeded generator (the baseline).</summary>
public sealed class RandomBrain : IAgentBrain
{
    private readonly SimRandom _rng;

    /// <summary>A random brain whose choices are determined by <paramref name="seed"/>.</summary>
    public RandomBrain(ulong seed) => _rng = new SimRandom(SimRandom.Derive(seed, 0x52414E44));

    /// <inheritdoc />
    public string Name => "random";

    /// <inheritdoc />
    public void Decide(World world, ReadOnlySpan<int> agents, Span<int> actions)
    {
        foreach (var a in agents)
        {
            actions[a] = _rng.NextInt(AgentActions.Count);
        }
    }
}
