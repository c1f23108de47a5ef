using Harness.Sim;
using Harness.Sim.Policies;
using NUnit.Framework;

namespace Harness.Tests.Sim;

[TestFixture]
public sealed class PolicyTests
{
    [Test]
    public void TheExpertScoresClearlyBetterThanRandom()
    {
        var options = new SimOptions { Agents = 32, EpisodeTicks = 300 };
        double expert = 0, random = 0;
        const int episodes = 6;
        for (ulong seed = 100; seed < 100 + episodes; seed++)
        {
            expert += SimTestWorlds.Episode(World.Create(options, seed), new ExpertPolicy()) / episodes;
            random += SimTestWorlds.Episode(World.Create(options, seed), new RandomPolicy(seed)) / episodes;
        }

        TestContext.Out.WriteLine($"mean score per agent over {episodes} episodes: expert {expert:F2}, random {random:F2}");
        Assert.That(expert, Is.GreaterThan(random + 1.0));
        Assert.That(expert, Is.GreaterThan(2 * random));
    }

    [Test]
    public void TheExpertTurnsToAVisiblePickupAndAwayFromAThreat()
    {
        var obs = new float[Observation.Size];
        SimTestWorlds.Probe(heading: 0).ObserveTrue(0, obs); // pickup on ray 4 (left), wall 3 units ahead
        Assert.That(ExpertPolicy.Decide(obs), Is.EqualTo(AgentAction.TurnLeft));

        SimTestWorlds.Probe(heading: 4).ObserveTrue(0, obs); // pickup dead ahead
        Assert.That(ExpertPolicy.Decide(obs), Is.EqualTo(AgentAction.Forward));

        SimTestWorlds.Probe(heading: 12).ObserveTrue(0, obs); // pickup behind on ray 8: turns (left on the tie)
        Assert.That(ExpertPolicy.Decide(obs), Is.EqualTo(AgentAction.TurnLeft));

        // A hazard 1.5 units ahead on ray 1 (left of centre): turn right, away from it.
        var world = new World(new SimOptions { Agents = 1 }, new Scenario(
            [], [], [new Spot(5f + 1.95f * Headings.X(1), 10f + 1.95f * Headings.Y(1))], [], [], [new AgentStart(5f, 10f, 0)]), 1);
        world.ObserveTrue(0, obs);
        Assert.That(Observation.HitKind(obs, 1), Is.EqualTo(EntityKind.Hazard));
        Assert.That(ExpertPolicy.Decide(obs), Is.EqualTo(AgentAction.TurnRight));
    }

    [Test]
    public void PoliciesAreDeterministic()
    {
        var world = World.Create(new SimOptions { Agents = 16 }, 5);
        int[] a = new int[16], b = new int[16];
        new RandomPolicy(9).Act(world, a);
        new RandomPolicy(9).Act(world, b);
        Assert.That(a, Is.EqualTo(b));
        Assert.That(a.Distinct().Count(), Is.GreaterThan(1));
    }
}
