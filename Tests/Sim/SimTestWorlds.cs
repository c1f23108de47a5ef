using Harness.Sim;
using Harness.Sim.Geometry;
using Harness.Sim.Policies;

namespace Harness.Tests.Sim;

/// <summary>Hand-built worlds and helpers shared by the Sim tests.</summary>
internal static class SimTestWorlds
{
    /// <summary>
    /// Float32 closed-form geometry: a handful of multiplies, one square root and one division on values of
    /// magnitude ~10, normalized by the range 10; a few ulps at magnitude 1 is about 1e-6, so 1e-5 is generous.
    /// </summary>
    public const double RayDistance = 1e-5;

    /// <summary>
    /// One agent at (5, 10.5) facing heading <paramref name="heading"/>; a wall box [8, 9] × [5, 15]; a pickup
    /// at (5, 13.5) (3 units north); a hazard at (2, 7.5) (3√2 units to the south-west); nothing else.
    /// </summary>
    public static World Probe(int heading) => new(
        new SimOptions { Agents = 1, Drones = 0 },
        new Scenario(
            Walls: [new Box(8f, 5f, 9f, 15f)],
            Pickups: [new Spot(5f, 13.5f)],
            Hazards: [new Spot(2f, 7.5f)],
            Drones: [],
            Mines: [],
            Agents: [new AgentStart(5f, 10.5f, heading)]),
        seed: 1);

    /// <summary>Runs one episode of <paramref name="policy"/> and returns the mean score per agent.</summary>
    public static double Episode(World world, IPolicy policy)
    {
        var actions = new int[world.AgentCount];
        while (!world.IsDone)
        {
            policy.Act(world, actions);
            world.Step(actions);
        }

        return world.MeanScore();
    }
}
