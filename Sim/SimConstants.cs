namespace Harness.Sim;

/// <summary>
/// Fixed physical constants of the world. Units are arena units (the arena is <see cref="ArenaSize"/> units
/// square, x to the east, y to the north) and seconds; one tick is <see cref="Dt"/> seconds.
/// </summary>
public static class SimConstants
{
    /// <summary>Side of the square arena; positions lie in [0, ArenaSize]².</summary>
    public const float ArenaSize = 20f;

    /// <summary>Fixed time step of one tick, in seconds (10 Hz).</summary>
    public const float Dt = 0.1f;

    /// <summary>Radius of an agent's body.</summary>
    public const float AgentRadius = 0.3f;

    /// <summary>Radius of a pickup (touching one gives +1).</summary>
    public const float PickupRadius = 0.4f;

    /// <summary>Radius of a static hazard (touching one gives −1 and a respawn).</summary>
    public const float HazardRadius = 0.45f;

    /// <summary>Radius of a drone (a moving hazard).</summary>
    public const float DroneRadius = 0.4f;

    /// <summary>Radius of a mine (the shift-only hazard type, see <see cref="SimOptions.Mines"/>).</summary>
    public const float MineRadius = 0.4f;

    /// <summary>Top speed of an agent moving forward, units per second (backing up is half as fast).</summary>
    public const float AgentSpeed = 3f;

    /// <summary>Fraction of the gap to the target velocity closed each tick (simple inertia).</summary>
    public const float AgentResponse = 0.5f;

    /// <summary>Speed of a drone, units per second.</summary>
    public const float DroneSpeed = 1.5f;

    /// <summary>Number of discrete headings; one turn action rotates by one step (22.5°).</summary>
    public const int Headings = 16;

    /// <summary>Angle of one heading step in radians (2π / <see cref="Headings"/>).</summary>
    public const float HeadingStep = 2f * MathF.PI / Headings;

    /// <summary>Reward for touching a pickup.</summary>
    public const float PickupReward = 1f;

    /// <summary>Reward for touching a hazard, a drone or a mine (the agent then respawns elsewhere).</summary>
    public const float HitPenalty = -1f;
}
