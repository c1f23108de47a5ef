using Harness.Infer.Play;
using Harness.Sim;
using NUnit.Framework;

namespace Harness.Tests.Infer.Play;

/// <summary>The per-tick loop (observe into the pinned batch, standardize, one ORT run, actions, step) allocates nothing.</summary>
[TestFixture]
public sealed class PlayAllocationTests
{
    private static long AllocatedBy(AgentLoop loop, IAgentBrain brain, int warmup, int ticks)
    {
        for (var t = 0; t < warmup; t++)
        {
            loop.Tick(brain);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var t = 0; t < ticks; t++)
        {
            loop.Tick(brain);
        }

        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    [Test]
    public void LearnedPolicyTicksAllocateNothing()
    {
        var world = World.Create(new SimOptions { Agents = 256, EpisodeTicks = 1000, SensorNoise = 0.05, Mines = 4 }, 3);
        var loop = new AgentLoop(world);
        using var session = PlayTestModels.Session(mc: false);
        using var brain = new OnnxBrain(session, PolicyModel.FromSession(session), loop.MaxDecidingAgents);
        var hits = world.Hits.ToArray().Sum();
        Assert.That(AllocatedBy(loop, brain, warmup: 30, ticks: 300), Is.Zero, "bytes allocated by 300 ticks");
        Assert.That(world.Tick, Is.EqualTo(330));
        Assert.That(world.Hits.ToArray().Sum(), Is.GreaterThan(hits), "the measured ticks did real work (respawns)");
    }

    [Test]
    public void UncertaintyAwarePolicyWithADecisionPeriodAllocatesNothing()
    {
        var world = World.Create(new SimOptions { Agents = 100, EpisodeTicks = 1000 }, 4);
        var loop = new AgentLoop(world, decisionPeriod: 3);
        using var session = PlayTestModels.Session(mc: true);
        using var brain = new McFallbackBrain(session, PolicyModel.FromSession(session), loop.MaxDecidingAgents, passes: 8, threshold: 0.01);
        Assert.That(AllocatedBy(loop, brain, warmup: 30, ticks: 300), Is.Zero, "bytes allocated by 300 ticks");
        Assert.That(brain.Fallbacks, Is.GreaterThan(0).And.LessThan(brain.Decisions), "both paths (expert and network) ran");
    }
}
