namespace Harness.Sim.Policies;

/// <summary>Uniformly random actions from a seeded generator: the baseline every policy must beat.</summary>
public sealed class RandomPolicy : IPolicy
{
    private readonly SimRandom _rng;

    /// <summary>A random policy whose choices are determined by <paramref name="seed"/>.</summary>
    public RandomPolicy(ulong seed) => _rng = new SimRandom(SimRandom.Derive(seed, 0x52414E44));

    /// <inheritdoc />
    public void Act(World world, Span<int> actions)
    {
        for (var i = 0; i < world.AgentCount; i++)
        {
            actions[i] = _rng.NextInt(AgentActions.Count);
        }
    }
}
