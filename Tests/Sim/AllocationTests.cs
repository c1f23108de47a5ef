using Harness.Sim;
using Harness.Sim.Policies;
using NUnit.Framework;

namespace Harness.Tests.Sim;

[TestFixture]
public sealed class AllocationTests
{
    [Test]
    public void SteadyStateTicksAllocateNothing()
    {
        // 1,024 agents with every source of work on: respawns, drones, mines, sensor noise, the expert.
        var world = World.Create(new SimOptions { Agents = 1024, EpisodeTicks = 1000, SensorNoise = 0.05, Mines = 4 }, 21);
        var batch = new float[world.AgentCount * Observation.Size];
        var actions = new int[world.AgentCount];
        var expert = new ExpertPolicy();
        var random = new RandomPolicy(2);

        void Tick(int t)
        {
            if (t % 2 == 0)
            {
                expert.Act(world, actions);
            }
            else
            {
                random.Act(world, actions);
            }

            world.Step(actions);
            world.ObserveAll(batch);
        }

        for (var t = 0; t < 30; t++)
        {
            Tick(t); // warm-up: type initializers and the expert's buffer
        }

        var hitsBefore = world.Hits.ToArray().Sum();
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var t = 0; t < 150; t++)
        {
            Tick(t);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.That(allocated, Is.Zero, "bytes allocated by 150 ticks of Step + ObserveAll + policies");
        Assert.That(world.Hits.ToArray().Sum(), Is.GreaterThan(hitsBefore), "respawns happened in the measured ticks");
    }
}
