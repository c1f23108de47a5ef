namespace Harness.Sim.Policies;

/// <summary>
/// The scripted expert. Its decision is a pure function of one agent's noise-free observation
/// (<see cref="Decide"/>), so behaviour cloning can learn it exactly from observations. Rules, in priority:
/// <list type="number">
/// <item>Threat (hazard, drone or mine) in the path: on a front ray (within ±67.5°), closer than
/// <see cref="ThreatRange"/>, and passing closer than <see cref="PathHalfWidth"/> to the line the agent drives
/// along (a threat that only passes by on the side is ignored): back up if it is dead ahead and closer than
/// <see cref="PanicRange"/>, else turn away from the nearest such threat.</item>
/// <item>Pickups: the cheapest visible pickup, cost = distance + <see cref="TurnCost"/> per ray step away from
/// straight ahead (so the agent keeps a pickup it is driving at instead of dithering between two), skipping a
/// pickup guarded by a threat on its ray or a neighbouring ray that is nearer than it; turn towards it until it
/// is dead ahead, then drive forward.</item>
/// <item>Explore: drive forward unless the way ahead is blocked within <see cref="WallRange"/>; then turn
/// towards the side with more free space (left on a tie).</item>
/// </list>
/// </summary>
public sealed class ExpertPolicy : IPolicy
{
    /// <summary>Normalized distance (× <see cref="Observation.RayRange"/> = 2.5 units) at which threats ahead are avoided.</summary>
    public const float ThreatRange = 0.25f;

    /// <summary>Normalized distance (1 unit) under which a threat dead ahead makes the agent back up.</summary>
    public const float PanicRange = 0.1f;

    /// <summary>Normalized distance (1.2 units) under which the way ahead counts as blocked.</summary>
    public const float WallRange = 0.12f;

    /// <summary>Normalized half-width of the agent's path: agent radius + hazard radius (0.75 units); a threat
    /// whose ray hit lies farther than this from the heading line is passed by, not avoided.</summary>
    public const float PathHalfWidth = (SimConstants.AgentRadius + SimConstants.HazardRadius) / Observation.RayRange;

    /// <summary>Cost, in normalized distance (1 unit), of each ray step between a pickup and straight ahead.</summary>
    public const float TurnCost = 0.1f;

    /// <summary>A threat on a pickup's ray or a neighbouring one guards the pickup when it is nearer than the
    /// pickup plus this margin (normalized, 0.5 units).</summary>
    public const float GuardMargin = 0.05f;

    /// <summary>sin(|s| × 22.5°) for the ray steps s = 0…3 of the front rays.</summary>
    private static readonly float[] SideSine = [0f, MathF.Sin(MathF.PI / 8), MathF.Sin(MathF.PI / 4), MathF.Sin(3 * MathF.PI / 8)];

    /// <summary>Revision of the rules above, raised whenever they change; behaviour-cloning files record it
    /// (<see cref="LabelTag"/>) so data labelled by older rules are regenerated rather than trained on.</summary>
    public const int Revision = 2;

    /// <summary>The tag a behaviour-cloning file's description carries: which expert labelled it (bracketed, so
    /// revision 2 never matches inside revision 20).</summary>
    public static string LabelTag => $"[expert rev {Revision}]";

    private float[] _buffer = [];

    /// <inheritdoc />
    public void Act(World world, Span<int> actions)
    {
        if (_buffer.Length != Observation.Size)
        {
            _buffer = new float[Observation.Size];
        }

        for (var i = 0; i < world.AgentCount; i++)
        {
            world.ObserveTrue(i, _buffer);
            actions[i] = (int)Decide(_buffer);
        }
    }

    /// <summary>The expert's action for one observation (layout of <see cref="Observation"/>).</summary>
    public static AgentAction Decide(ReadOnlySpan<float> observation)
    {
        const int n = Observation.RayCount;

        // 1. Threats in the path.
        var threat = false;
        var threatRay = 0;
        var threatDistance = ThreatRange;
        for (var s = -3; s <= 3; s++)
        {
            var j = s & (n - 1);
            var d = observation[Observation.Distance(j)];
            if (IsThreat(Observation.HitKind(observation, j)) && d < threatDistance && d * SideSine[Math.Abs(s)] < PathHalfWidth)
            {
                (threat, threatRay, threatDistance) = (true, s, d);
            }
        }

        if (threat)
        {
            if (threatRay == 0 && threatDistance < PanicRange)
            {
                return AgentAction.Back;
            }

            if (threatRay > 0)
            {
                return AgentAction.TurnRight;
            }

            if (threatRay < 0)
            {
                return AgentAction.TurnLeft;
            }

            return Space(observation, 1) >= Space(observation, -1) ? AgentAction.TurnLeft : AgentAction.TurnRight;
        }

        // 2. The cheapest unguarded pickup.
        var pickupRay = int.MinValue;
        var pickupCost = float.PositiveInfinity;
        for (var j = 0; j < n; j++)
        {
            var d = observation[Observation.Distance(j)];
            if (Observation.HitKind(observation, j) != EntityKind.Pickup || IsGuarded(observation, j, d))
            {
                continue;
            }

            var s = j <= n / 2 ? j : j - n;
            var cost = d + TurnCost * Math.Abs(s);
            if (cost < pickupCost)
            {
                (pickupRay, pickupCost) = (s, cost);
            }
        }

        if (pickupRay != int.MinValue)
        {
            return pickupRay == 0 ? AgentAction.Forward : pickupRay > 0 ? AgentAction.TurnLeft : AgentAction.TurnRight;
        }

        // 3. Explore.
        if (observation[Observation.Distance(0)] >= WallRange)
        {
            return AgentAction.Forward;
        }

        return Space(observation, 1) >= Space(observation, -1) ? AgentAction.TurnLeft : AgentAction.TurnRight;
    }

    private static bool IsThreat(EntityKind kind) => kind is EntityKind.Hazard or EntityKind.Drone or EntityKind.Mine;

    /// <summary>Whether a threat on ray <paramref name="ray"/> or a neighbour is nearer than the pickup at
    /// <paramref name="distance"/> plus <see cref="GuardMargin"/>.</summary>
    private static bool IsGuarded(ReadOnlySpan<float> observation, int ray, float distance)
    {
        for (var t = -1; t <= 1; t++)
        {
            var q = (ray + t) & (Observation.RayCount - 1);
            if (IsThreat(Observation.HitKind(observation, q)) && observation[Observation.Distance(q)] < distance + GuardMargin)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Summed free distance of the four rays on one side (+1 left, −1 right).</summary>
    private static float Space(ReadOnlySpan<float> observation, int side)
    {
        var sum = 0f;
        for (var s = 1; s <= 4; s++)
        {
            sum += observation[Observation.Distance((side * s) & (Observation.RayCount - 1))];
        }

        return sum;
    }
}
