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
    public void TheExpertIgnoresAThreatThatOnlyPassesBySideways()
    {
        // A pickup dead ahead 5 units away; a hazard on ray 3 (67.5° left) 2 units away passes 1.85 units from the
        // heading line, farther than the path half-width (0.75): drive on. On ray 1 it would lie in the path.
        Assert.That(DecideIn(Pickup(0, 5f), Hazard(3, 2f)), Is.EqualTo(AgentAction.Forward));
        Assert.That(DecideIn(Pickup(0, 5f), Hazard(1, 2f)), Is.EqualTo(AgentAction.TurnRight));
    }

    [Test]
    public void TheExpertKeepsThePickupAheadAndSkipsAGuardedOne()
    {
        // Ahead at 4 units (cost 0.4) beats ray 2 at 3.5 units (cost 0.35 + 2 × 0.1): no dithering between them.
        Assert.That(DecideIn(Pickup(0, 4f), Pickup(2, 3.5f)), Is.EqualTo(AgentAction.Forward));

        // The nearer pickup on ray 2 (left) has a hazard on the neighbouring ray 3 in front of it: take the one
        // on ray −2 (right) instead.
        Assert.That(DecideIn(Pickup(2, 4f), Hazard(3, 2f), Pickup(-2, 6f)), Is.EqualTo(AgentAction.TurnRight));
        Assert.That(DecideIn(Pickup(2, 4f), Pickup(-2, 6f)), Is.EqualTo(AgentAction.TurnLeft));
    }

    /// <summary>An entity <paramref name="distance"/> units from the probe agent's centre along ray <paramref name="ray"/>.</summary>
    private static (char Kind, Spot At) At(char kind, int ray, float distance) =>
        (kind, new Spot(5f + distance * Headings.X(ray), 10f + distance * Headings.Y(ray)));

    private static (char Kind, Spot At) Pickup(int ray, float distance) => At('p', ray, distance);

    private static (char Kind, Spot At) Hazard(int ray, float distance) => At('h', ray, distance);

    /// <summary>The expert's action for one agent at (5, 10) facing east among <paramref name="entities"/>.</summary>
    private static AgentAction DecideIn(params (char Kind, Spot At)[] entities)
    {
        var world = new World(new SimOptions { Agents = 1 }, new Scenario(
            [], entities.Where(e => e.Kind == 'p').Select(e => e.At).ToList(),
            entities.Where(e => e.Kind == 'h').Select(e => e.At).ToList(), [], [], [new AgentStart(5f, 10f, 0)]), 1);
        var obs = new float[Observation.Size];
        world.ObserveTrue(0, obs);
        return ExpertPolicy.Decide(obs);
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
