using Harness.Infer.Play;
using Harness.Infer.Uncertainty;
using Harness.Sim;
using Harness.Sim.Policies;
using NUnit.Framework;

namespace Harness.Tests.Infer.Play;

[TestFixture]
public sealed class FallbackTests
{
    private static (McFallbackBrain Brain, World World, AgentLoop Loop) Build(Harness.Infer.Ort.OrtSession session, double threshold)
    {
        var world = World.Create(new SimOptions { Agents = 48, EpisodeTicks = 200 }, 9);
        var loop = new AgentLoop(world);
        return (new McFallbackBrain(session, PolicyModel.FromSession(session), loop.MaxDecidingAgents, passes: 8, threshold), world, loop);
    }

    [Test]
    public void InfiniteThresholdNeverFallsBackAndZeroFallsBackWheneverThePassesDisagree()
    {
        using var session = PlayTestModels.Session(mc: true);
        var (never, _, loopNever) = Build(session, double.PositiveInfinity);
        var (always, _, loopAlways) = Build(session, 0);
        using (never)
        using (always)
        {
            for (var t = 0; t < 20; t++)
            {
                loopNever.Tick(never);
                loopAlways.Tick(always);
            }

            Assert.That(never.Fallbacks, Is.Zero);
            Assert.That(never.Decisions, Is.EqualTo(20 * 48));
            Assert.That(always.Fallbacks, Is.EqualTo(always.Decisions), "with p = 0.5 dropout on 16 units every agent's passes disagree");
            Assert.That(always.LastMutualInformation.ToArray(), Has.All.GreaterThan(0));
        }
    }

    [Test]
    public void ExactlyTheAgentsAboveTheThresholdTakeTheExpertsAction()
    {
        using var session = PlayTestModels.Session(mc: true);
        // A threshold inside the distribution of this model's MI on these worlds, so both paths occur.
        var (probe, _, probeLoop) = Build(session, double.PositiveInfinity);
        using (probe)
        {
            probeLoop.Tick(probe);
        }

        var threshold = probe.MiQuantile(0.5);
        var (brain, world, loop) = Build(session, threshold);
        using (brain)
        {
            var observation = new float[Observation.Size];
            int fallbacks = 0, learned = 0;
            for (var t = 0; t < 10; t++)
            {
                // The expert's choice for every agent before the tick's decision (what a fallback must apply).
                var expert = new int[world.AgentCount];
                for (var a = 0; a < world.AgentCount; a++)
                {
                    world.ObserveTrue(a, observation);
                    expert[a] = (int)ExpertPolicy.Decide(observation);
                }

                loop.Tick(brain);
                for (var a = 0; a < world.AgentCount; a++)
                {
                    var above = brain.LastMutualInformation[a] > threshold;
                    Assert.That(brain.LastFallback[a], Is.EqualTo(above), $"tick {t} agent {a}: MI {brain.LastMutualInformation[a]} vs {threshold}");
                    if (above)
                    {
                        Assert.That(loop.Actions[a], Is.EqualTo(expert[a]), $"tick {t} agent {a} fell back");
                        fallbacks++;
                    }
                    else
                    {
                        learned++;
                    }
                }
            }

            Assert.That(fallbacks, Is.GreaterThan(0));
            Assert.That(learned, Is.GreaterThan(0));
            Assert.That(brain.Fallbacks, Is.EqualTo(fallbacks));
        }
    }

    [Test]
    public void PassStatisticsMatchMcDropoutStatisticsOnTiledRows()
    {
        const int samples = 6, passes = 5, classes = 5, capacity = 7; // capacity > samples: stale rows must be skipped
        var random = new Random(11);
        var tiled = new float[capacity * passes * classes];
        for (var i = 0; i < tiled.Length; i++)
        {
            tiled[i] = (float)(random.NextDouble() * 6 - 3);
        }

        // Sample-major [N, T, K] for the reference.
        var sampleMajor = new float[samples * passes * classes];
        for (var s = 0; s < samples; s++)
        {
            for (var j = 0; j < passes; j++)
            {
                tiled.AsSpan((j * capacity + s) * classes, classes).CopyTo(sampleMajor.AsSpan((s * passes + j) * classes));
            }
        }

        var reference = McDropoutStatistics.Compute<float>(sampleMajor, samples, passes, classes);
        var mean = new double[classes];
        var scratch = new double[classes];
        for (var s = 0; s < samples; s++)
        {
            var mi = PassStatistics.MutualInformation(tiled, s, capacity, passes, classes, mean, scratch);
            // Same formulas in the same order in double: only summation order can differ.
            Assert.That(mi, Is.EqualTo(reference.MutualInformation[s]).Within(1e-12), $"sample {s}");
            Assert.That(mean, Is.EqualTo(reference.MeanProbabilities.AsSpan(s * classes, classes).ToArray()).Within(1e-12));
        }
    }
}
