using Harness.Sim.Geometry;

namespace Harness.Sim;

/// <summary>Where an agent starts: position and heading index (0 = east, counter-clockwise, 22.5° steps).</summary>
public readonly record struct AgentStart(float X, float Y, int Heading);

/// <summary>Where a drone starts and the angle (radians, counter-clockwise from east) it first flies at.</summary>
public readonly record struct DroneStart(float X, float Y, float Angle);

/// <summary>A point of a static entity (pickup, hazard, mine).</summary>
public readonly record struct Spot(float X, float Y);

/// <summary>
/// The complete initial state of a world: interior walls (the arena border is implicit) and every entity.
/// Produced by <see cref="ScenarioGenerator"/> from options and a seed, or written by hand (tests, demos).
/// </summary>
public sealed record Scenario(
    IReadOnlyList<Box> Walls,
    IReadOnlyList<Spot> Pickups,
    IReadOnlyList<Spot> Hazards,
    IReadOnlyList<DroneStart> Drones,
    IReadOnlyList<Spot> Mines,
    IReadOnlyList<AgentStart> Agents);
