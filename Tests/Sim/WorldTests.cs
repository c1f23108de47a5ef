using Harness.Sim;
using Harness.Sim.Policies;
using NUnit.Framework;

namespace Harness.Tests.Sim;

[TestFixture]
public sealed class WorldTests
{
    private static readonly SimOptions Small = new() { Agents = 32, EpisodeTicks = 200 };

    [Test]
    public void TheSameSeedGivesTheSameTrajectoryBitForBit()
    {
        var a = Trajectory(Small, worldSeed: 7, policySeed: 3);
        var b = Trajectory(Small, worldSeed: 7, policySeed: 3);
        var other = Trajectory(Small, worldSeed: 8, policySeed: 3);

        Assert.That(a, Is.EqualTo(b));
        Assert.That(other, Is.Not.EqualTo(a), "a different seed must give a different episode");
    }

    [Test]
    public void ResetReplaysTheEpisodeAndResetWithASeedStartsAnother()
    {
        var world = World.Create(Small, 11);
        var first = Run(world, new RandomPolicy(5));
        world.Reset();
        Assert.That(world.Tick, Is.Zero);
        Assert.That(world.Scores.ToArray(), Is.All.EqualTo(0f));
        Assert.That(Run(world, new RandomPolicy(5)), Is.EqualTo(first));

        world.Reset(12);
        Assert.That(Run(world, new RandomPolicy(5)), Is.Not.EqualTo(first));
    }

    [Test]
    public void StepRejectsWrongActionsAndAFinishedEpisode()
    {
        var world = World.Create(Small with { EpisodeTicks = 1 }, 1);
        Assert.Throws<ArgumentException>(() => world.Step(new int[3]));
        var bad = new int[world.AgentCount];
        bad[5] = AgentActions.Count;
        Assert.Throws<ArgumentOutOfRangeException>(() => world.Step(bad));

        world.Step(new int[world.AgentCount]);
        Assert.That(world.IsDone, Is.True);
        Assert.Throws<InvalidOperationException>(() => world.Step(new int[world.AgentCount]));
    }

    [Test]
    public void AgentsStayInsideTheArenaAndOutOfWalls()
    {
        var world = World.Create(Small with { EpisodeTicks = 300 }, 2);
        var actions = new int[world.AgentCount];
        var policy = new RandomPolicy(9);
        while (!world.IsDone)
        {
            policy.Act(world, actions);
            world.Step(actions);
            for (var i = 0; i < world.AgentCount; i++)
            {
                var (x, y) = (world.AgentX[i], world.AgentY[i]);
                Assert.That(x, Is.InRange(SimConstants.AgentRadius - 1e-4f, SimConstants.ArenaSize - SimConstants.AgentRadius + 1e-4f));
                Assert.That(y, Is.InRange(SimConstants.AgentRadius - 1e-4f, SimConstants.ArenaSize - SimConstants.AgentRadius + 1e-4f));
                foreach (var wall in world.Walls)
                {
                    Assert.That(wall.Distance(x, y), Is.GreaterThan(SimConstants.AgentRadius - 1e-3f), $"agent {i} inside {wall}");
                }
            }
        }
    }

    [Test]
    public void ScoresAreTheSumOfRewardsAndCountEvents()
    {
        var world = World.Create(Small, 4);
        var sums = new double[world.AgentCount];
        var actions = new int[world.AgentCount];
        var expert = new ExpertPolicy();
        while (!world.IsDone)
        {
            expert.Act(world, actions);
            world.Step(actions);
            for (var i = 0; i < sums.Length; i++)
            {
                sums[i] += world.Rewards[i];
            }
        }

        for (var i = 0; i < sums.Length; i++)
        {
            Assert.That(world.Scores[i], Is.EqualTo(sums[i]).Within(1e-4));
            Assert.That(world.Scores[i], Is.EqualTo(world.PickupsCollected[i] - world.Hits[i]));
        }

        Assert.That(world.PickupsCollected.ToArray().Sum(), Is.GreaterThan(0), "the expert collects pickups");
    }

    private static List<int> Trajectory(SimOptions options, ulong worldSeed, ulong policySeed)
    {
        var world = World.Create(options with { SensorNoise = 0.05 }, worldSeed);
        return Run(world, new RandomPolicy(policySeed));
    }

    /// <summary>Every position, velocity, heading, score and observation of the episode, as raw bits.</summary>
    private static List<int> Run(World world, IPolicy policy)
    {
        var bits = new List<int>();
        var actions = new int[world.AgentCount];
        var obs = new float[world.AgentCount * Observation.Size];
        while (!world.IsDone)
        {
            policy.Act(world, actions);
            world.Step(actions);
            world.ObserveAll(obs);
            Add(bits, world.AgentX);
            Add(bits, world.AgentY);
            Add(bits, world.VelocityX);
            Add(bits, world.Scores);
            Add(bits, world.DroneX);
            Add(bits, world.PickupY);
            Add(bits, obs);

            bits.AddRange(world.AgentHeading.ToArray());
        }

        return bits;
    }

    private static void Add(List<int> bits, ReadOnlySpan<float> values)
    {
        foreach (var v in values)
        {
            bits.Add(BitConverter.SingleToInt32Bits(v));
        }
    }
}
