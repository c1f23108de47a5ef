using Harness.Infer.Play;
using Harness.Sim;
using NUnit.Framework;

namespace Harness.Tests.Infer.Play;

[TestFixture]
public sealed class AgentLoopTests
{
    /// <summary>Answers every decision with (tick + agent) mod 5 and records who was asked when.</summary>
    private sealed class RecordingBrain : IAgentBrain
    {
        public List<(int Tick, int[] Agents)> Calls { get; } = new();

        public string Name => "recording";

        public void Decide(World world, ReadOnlySpan<int> agents, Span<int> actions)
        {
            Calls.Add((world.Tick, agents.ToArray()));
            foreach (var a in agents)
            {
                actions[a] = (world.Tick + a) % AgentActions.Count;
            }
        }
    }

    [Test]
    public void DecisionPeriodRepeatsActionsAndStaggersAgents()
    {
        const int agents = 10, period = 3, ticks = 12;
        var world = World.Create(new SimOptions { Agents = agents, EpisodeTicks = 100 }, 5);
        var loop = new AgentLoop(world, period);
        var brain = new RecordingBrain();
        Assert.That(loop.MaxDecidingAgents, Is.EqualTo(4), "⌈10/3⌉ rows in the batch");
        var lastDecision = Enumerable.Repeat(-1, agents).ToArray();
        for (var t = 0; t < ticks; t++)
        {
            loop.Tick(brain);
            foreach (var a in brain.Calls[^1].Agents)
            {
                lastDecision[a] = (t + a) % AgentActions.Count;
            }

            for (var a = 0; a < agents; a++)
            {
                // Agents that did not decide repeat their last decision; before their first one they stay (0).
                Assert.That(loop.Actions[a], Is.EqualTo(lastDecision[a] < 0 ? 0 : lastDecision[a]), $"agent {a} after tick {t}");
            }
        }

        Assert.That(brain.Calls, Has.Count.EqualTo(ticks), "one batch per tick");
        for (var t = 0; t < ticks; t++)
        {
            var (tick, asked) = brain.Calls[t];
            Assert.That(tick, Is.EqualTo(t));
            Assert.That(asked, Is.EqualTo(Enumerable.Range(0, agents).Where(a => a % period == t % period)), $"tick {t}");
        }

        for (var a = 0; a < agents; a++)
        {
            var askedAt = brain.Calls.Where(c => c.Agents.Contains(a)).Select(c => c.Tick).ToArray();
            Assert.That(askedAt.Zip(askedAt.Skip(1), (x, y) => y - x), Has.All.EqualTo(period), $"agent {a} decides every {period} ticks");
            Assert.That(askedAt[0], Is.EqualTo(a % period), $"agent {a} is staggered by its index");
        }
    }

    [Test]
    public void PeriodOneAsksEveryAgentEveryTick()
    {
        var world = World.Create(new SimOptions { Agents = 7, EpisodeTicks = 100 }, 5);
        var loop = new AgentLoop(world);
        var brain = new RecordingBrain();
        for (var t = 0; t < 4; t++)
        {
            loop.Tick(brain);
        }

        Assert.That(brain.Calls.Select(c => c.Agents), Has.All.EqualTo(Enumerable.Range(0, 7)));
    }
}
