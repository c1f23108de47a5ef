using System.Diagnostics;
using Harness.Sim;

namespace Harness.Infer.Play;

/// <summary>
/// The per-tick game loop over one <see cref="World"/>: which agents decide this tick (every agent when the decision
/// period is 1; otherwise agent i on ticks t with t mod P = i mod P, staggered so each tick carries about N/P
/// agents), one <see cref="IAgentBrain.Decide"/> for them (one batch), then <see cref="World.Step"/> with every
/// agent's current action (agents that did not decide repeat their last one; before its first decision an agent
/// stays). Measures the brain's time per tick. Allocates nothing per tick.
/// </summary>
public sealed class AgentLoop
{
    private readonly int[] _actions;
    private readonly int[][] _schedule;

    /// <summary>A loop over <paramref name="world"/> with decision period <paramref name="decisionPeriod"/>.</summary>
    public AgentLoop(World world, int decisionPeriod = 1)
    {
        ArgumentNullException.ThrowIfNull(world);
        ArgumentOutOfRangeException.ThrowIfLessThan(decisionPeriod, 1);
        World = world;
        DecisionPeriod = decisionPeriod;
        _actions = new int[world.AgentCount];
        _schedule = new int[decisionPeriod][];
        for (var r = 0; r < decisionPeriod; r++)
        {
            _schedule[r] = Enumerable.Range(0, world.AgentCount).Where(i => i % decisionPeriod == r).ToArray();
        }
    }

    /// <summary>The world being stepped.</summary>
    public World World { get; }

    /// <summary>P.</summary>
    public int DecisionPeriod { get; }

    /// <summary>The most agents that decide in one tick (⌈N/P⌉): the batch a brain needs.</summary>
    public int MaxDecidingAgents => _schedule[0].Length;

    /// <summary>Every agent's current action (what the last <see cref="Tick"/> applied).</summary>
    public ReadOnlySpan<int> Actions => _actions;

    /// <summary>Brain time of the last tick, in <see cref="Stopwatch"/> ticks.</summary>
    public long LastDecideTicks { get; private set; }

    /// <summary>The agents that decide on world tick <paramref name="tick"/>.</summary>
    public ReadOnlySpan<int> DecidingAt(int tick) => _schedule[tick % DecisionPeriod];

    /// <summary>Sets every action to stay (call after resetting the world).</summary>
    public void ResetActions() => _actions.AsSpan().Clear();

    /// <summary>One tick: the deciding agents ask <paramref name="brain"/>, then the world steps.</summary>
    public void Tick(IAgentBrain brain)
    {
        var deciding = DecidingAt(World.Tick);
        var start = Stopwatch.GetTimestamp();
        brain.Decide(World, deciding, _actions);
        LastDecideTicks = Stopwatch.GetTimestamp() - start;
        World.Step(_actions);
    }
}
