namespace Harness.Sim.Policies;

/// <summary>Something that chooses every agent's action for the next tick.</summary>
public interface IPolicy
{
    /// <summary>Writes one action per agent of <paramref name="world"/> into <paramref name="actions"/>.</summary>
    void Act(World world, Span<int> actions);
}
