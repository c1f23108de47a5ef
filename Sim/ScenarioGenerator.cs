using Harness.Sim.Geometry;
using Harness.Sim.Layouts;

namespace Harness.Sim;

/// <summary>
/// Builds the initial state of a world from options and a seed: a layout from <see cref="LayoutGenerator"/>,
/// then hazards, mines, pickups, drones and agents at free spots (see <see cref="FreeSpot"/>).
/// </summary>
public static class ScenarioGenerator
{
    /// <summary>Attempts at finding a spot clear of walls and hazards before accepting one clear of walls only.</summary>
    public const int SpotAttempts = 64;

    /// <summary>Attempts after which a layout is declared full (walls cover the arena).</summary>
    public const int MaxAttempts = 100_000;

    /// <summary>The scenario for <paramref name="options"/> and <paramref name="seed"/>.</summary>
    public static Scenario Generate(SimOptions options, ulong seed)
    {
        options.ThrowIfInvalid();
        var walls = LayoutGenerator.Generate(options, seed);
        var rng = new SimRandom(SimRandom.Derive(seed, 0x454E54));
        var hazards = new List<Spot>();
        var mines = new List<Spot>();

        for (var i = 0; i < options.EffectiveHazards; i++)
        {
            var (x, y) = FreeSpot(rng, walls, hazards, mines, SimConstants.HazardRadius, 1.0f);
            hazards.Add(new Spot(x, y));
        }

        for (var i = 0; i < options.Mines; i++)
        {
            var (x, y) = FreeSpot(rng, walls, hazards, mines, SimConstants.MineRadius, 1.0f);
            mines.Add(new Spot(x, y));
        }

        var pickups = new Spot[options.Pickups];
        for (var i = 0; i < pickups.Length; i++)
        {
            var (x, y) = FreeSpot(rng, walls, hazards, mines, SimConstants.PickupRadius, 0.5f);
            pickups[i] = new Spot(x, y);
        }

        var drones = new DroneStart[options.EffectiveDrones];
        for (var i = 0; i < drones.Length; i++)
        {
            var (x, y) = FreeSpot(rng, walls, hazards, mines, SimConstants.DroneRadius, 0.5f);
            drones[i] = new DroneStart(x, y, rng.Range(0f, 2f * MathF.PI));
        }

        var agents = new AgentStart[options.Agents];
        for (var i = 0; i < agents.Length; i++)
        {
            var (x, y) = FreeSpot(rng, walls, hazards, mines, SimConstants.AgentRadius, 1.0f);
            agents[i] = new AgentStart(x, y, rng.NextInt(SimConstants.Headings));
        }

        return new Scenario(walls, pickups, hazards, drones, mines, agents);
    }

    /// <summary>
    /// A uniformly drawn point where a disc of radius <paramref name="radius"/> fits inside the arena without
    /// touching a wall and keeps <paramref name="clearance"/> beyond the hazards and mines given. After
    /// <see cref="SpotAttempts"/> misses the hazard condition is dropped (never the wall condition).
    /// </summary>
    public static (float X, float Y) FreeSpot(
        SimRandom rng, IReadOnlyList<Box> walls, IReadOnlyList<Spot> hazards, IReadOnlyList<Spot> mines,
        float radius, float clearance)
    {
        for (var attempt = 0; ; attempt++)
        {
            var x = rng.Range(radius, SimConstants.ArenaSize - radius);
            var y = rng.Range(radius, SimConstants.ArenaSize - radius);
            if (HitsWall(walls, x, y, radius))
            {
                if (attempt > MaxAttempts)
                {
                    throw new InvalidOperationException($"No spot of radius {radius} is free of walls after {MaxAttempts} attempts.");
                }

                continue;
            }

            if (attempt >= SpotAttempts ||
                (Clear(hazards, x, y, radius + SimConstants.HazardRadius + clearance) &&
                 Clear(mines, x, y, radius + SimConstants.MineRadius + clearance)))
            {
                return (x, y);
            }
        }
    }

    private static bool HitsWall(IReadOnlyList<Box> walls, float x, float y, float r)
    {
        for (var i = 0; i < walls.Count; i++)
        {
            if (walls[i].Overlaps(x, y, r))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Clear(IReadOnlyList<Spot> spots, float x, float y, float distance)
    {
        for (var i = 0; i < spots.Count; i++)
        {
            var dx = spots[i].X - x;
            var dy = spots[i].Y - y;
            if (dx * dx + dy * dy < distance * distance)
            {
                return false;
            }
        }

        return true;
    }
}
