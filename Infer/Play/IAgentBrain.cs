using Harness.Sim;

namespace Harness.Infer.Play;

/// <summary>
/// Chooses actions for a subset of a world's agents in one go (one batch). Implementations allocate nothing per call
/// once built, so a game loop can call them every tick.
/// </summary>
public interface IAgentBrain
{
    /// <summary>A short name for reports ("learned", "expert", …).</summary>
    string Name { get; }

    /// <summary>
    /// Writes <c>actions[a]</c> for every agent index a in <paramref name="agents"/> (ascending; all agents
    /// 0…N−1 when everyone decides this tick); other entries of <paramref name="actions"/> stay as they are.
    /// </summary>
    void Decide(World world, ReadOnlySpan<int> agents, Span<int> actions);
}
