using Harness.Sim;
using Harness.Sim.Policies;

namespace Harness.Infer.Play;

/// <summary>The scripted <see cref="ExpertPolicy"/> on each deciding agent's noise-free observation.</summary>
public sealed class ExpertBrain : IAgentBrain
{
    private readonly float[] _observation = new float[Observation.Size];

    /// <inheritdoc />
    public string Name => "expert";

    /// <inheritdoc />
    public void Decide(World world, ReadOnlySpan<int> agents, Span<int> actions)
    {
        foreach (var a in agents)
        {
            actions[a] = Decide(world, a);
        }
    }

    /// <summary>The expert's action for agent <paramref name="agent"/>.</summary>
    public int Decide(World world, int agent)
    {
        world.ObserveTrue(agent, _observation);
        return (int)ExpertPolicy.Decide(_observation);
    }
}
