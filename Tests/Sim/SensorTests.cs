using Harness.Sim;
using Harness.Sim.Rendering;
using NUnit.Framework;

namespace Harness.Tests.Sim;

[TestFixture]
public sealed class SensorTests
{
    [Test]
    public void RayDistancesMatchClosedFormGeometry()
    {
        // Agent at (5, 10.5) facing east; see SimTestWorlds.Probe for the layout.
        var obs = new float[Observation.Size];
        SimTestWorlds.Probe(heading: 0).Observe(0, obs);

        var diagonal = (float)(3 * Math.Sqrt(2));
        var expected = new (int Ray, double Distance, EntityKind Kind)[]
        {
            (0, 3.0, EntityKind.Wall),                                  // east: the box's face x = 8
            (2, diagonal, EntityKind.Wall),                             // 45°: x = 8 at y = 13.5, on the box
            (4, 3.0 - SimConstants.PickupRadius, EntityKind.Pickup),    // north: the pickup 3 units away
            (8, 5.0, EntityKind.Wall),                                  // west: the border x = 0
            (10, diagonal - SimConstants.HazardRadius, EntityKind.Hazard), // 225°: the hazard
            (12, Observation.RayRange, EntityKind.Nothing),             // south: the border is 10.5 away, beyond range
            (14, diagonal, EntityKind.Wall),                            // 315°: x = 8 at y = 7.5, on the box
        };

        foreach (var (ray, distance, kind) in expected)
        {
            Assert.That(obs[Observation.Distance(ray)], Is.EqualTo(distance / Observation.RayRange).Within(SimTestWorlds.RayDistance), $"ray {ray}");
            Assert.That(Observation.HitKind(obs, ray), Is.EqualTo(kind), $"ray {ray}");
        }

        // 135°: the border; y = 20 is 9.5/sin 45° away, x = 0 is 5/cos 45° away.
        Assert.That(obs[Observation.Distance(6)], Is.EqualTo(5 * Math.Sqrt(2) / Observation.RayRange).Within(SimTestWorlds.RayDistance));
        Assert.That(obs[Observation.SelfOffset + 2], Is.EqualTo(1f));
        Assert.That(obs[Observation.SelfOffset + 3], Is.EqualTo(0f));
    }

    [Test]
    public void RaysTurnWithTheAgent()
    {
        var east = new float[Observation.Size];
        var north = new float[Observation.Size];
        SimTestWorlds.Probe(heading: 0).Observe(0, east);
        SimTestWorlds.Probe(heading: 4).Observe(0, north);

        for (var j = 0; j < Observation.RayCount; j++)
        {
            var shifted = (j + 4) % Observation.RayCount;
            Assert.That(north.AsSpan(Observation.Distance(j), Observation.PerRay).ToArray(),
                Is.EqualTo(east.AsSpan(Observation.Distance(shifted), Observation.PerRay).ToArray()), $"ray {j}");
        }

        Assert.That(Observation.HitKind(north, 0), Is.EqualTo(EntityKind.Pickup));
    }

    [Test]
    public void ObservationsHaveTheFixedSizeAndRanges()
    {
        Assert.That(Observation.Size, Is.EqualTo(16 * 7 + 4));
        var world = World.Create(new SimOptions { Agents = 64, SensorNoise = 0.1, Mines = 4 }, 3);
        var batch = new float[world.AgentCount * Observation.Size];
        var actions = new int[world.AgentCount];
        var random = new Harness.Sim.Policies.RandomPolicy(1);
        for (var t = 0; t < 50; t++)
        {
            random.Act(world, actions);
            world.Step(actions);
            world.ObserveAll(batch);
            for (var i = 0; i < world.AgentCount; i++)
            {
                var o = batch.AsSpan(i * Observation.Size, Observation.Size);
                for (var j = 0; j < Observation.RayCount; j++)
                {
                    Assert.That(o[Observation.Distance(j)], Is.InRange(0f, 1f));
                    var hot = o.Slice(Observation.Distance(j) + 1, Observation.HitKinds).ToArray();
                    Assert.That(hot.Count(v => v == 1f), Is.EqualTo(1));
                    Assert.That(hot.Count(v => v == 0f), Is.EqualTo(Observation.HitKinds - 1));
                }

                for (var k = Observation.SelfOffset; k < Observation.Size; k++)
                {
                    Assert.That(o[k], Is.InRange(-1f, 1f));
                }
            }
        }

        Assert.Throws<ArgumentException>(() => world.ObserveAll(new float[10]));
    }

    [Test]
    public void VelocityIsReportedInTheAgentsFrame()
    {
        var world = SimTestWorlds.Probe(heading: 4); // facing north, open space ahead up to the pickup
        world.Step([(int)AgentAction.Forward]);
        var obs = new float[Observation.Size];
        world.Observe(0, obs);

        var expected = SimConstants.AgentSpeed * SimConstants.AgentResponse / SimConstants.AgentSpeed;
        Assert.That(obs[Observation.SelfOffset], Is.EqualTo(expected).Within(1e-6));
        Assert.That(obs[Observation.SelfOffset + 1], Is.EqualTo(0f).Within(1e-6));
        Assert.That(world.AgentY[0], Is.EqualTo(10.5f + SimConstants.AgentSpeed * SimConstants.AgentResponse * SimConstants.Dt).Within(1e-5));
    }

    [Test]
    public void TheEgocentricViewShowsWhatIsAheadAtTheTop()
    {
        var palette = ViewPalette.Default;
        var pixels = new byte[EgoView.Size];
        var world = SimTestWorlds.Probe(heading: 4); // the pickup is 3 units north: 16 px above centre, row 0
        EgoView.RenderAgent(world, 0, palette, pixels);
        const int plane = EgoView.Pixels * EgoView.Pixels;

        // The pickup centre (5, 13.5) is 3 units ahead: row 16 − 3/0.1875 = 0; column 16 straddles x = 5.
        Assert.That(pixels[0 * EgoView.Pixels + 16 + plane], Is.EqualTo(palette.Channel(EntityKind.Pickup, 1)));
        // The box x ≥ 8 is 3 units to the right: columns ≥ 16 + 16 = 32 are off-image, so the right edge is floor.
        Assert.That(pixels[16 * EgoView.Pixels + 31], Is.EqualTo(palette.Channel(EntityKind.Nothing, 0)));

        // A view centred 1 unit west of the box (x = 8), looking east: row r samples (15.5 − r)·0.1875 units ahead,
        // so rows 0…10 (≥ 1.03 units) are wall and row 11 (0.84 units) is floor.
        EgoView.Render(world, 7f, 10.5f, 1f, 0f, palette, pixels);
        Assert.That(pixels[10 * EgoView.Pixels + 16], Is.EqualTo(palette.Channel(EntityKind.Wall, 0)));
        Assert.That(pixels[11 * EgoView.Pixels + 16], Is.EqualTo(palette.Channel(EntityKind.Nothing, 0)));
    }
}
