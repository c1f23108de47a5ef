namespace Harness.Sim.Policies;

/// <summary>
/// The scripted expert. Its decision is a pure function of one agent's noise-free observation
/// (<see cref="Decide"/>), so behaviour cloning can learn it exactly from observations. Rules, in priority:
/// <list type="number">
/// <item>Threat (hazard, drone or mine) on a front ray (within ±67.5°) closer than <see cref="ThreatRange"/>:
/// back up if it is dead ahead and closer than <see cref="PanicRange"/>, else turn away from it.</item>
/// <item>A pickup on any ray: turn towards the nearest one until it is dead ahead, then drive forward.</item>
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

        // 1. Threats ahead.
        var threat = false;
        var threatRay = 0;
        var threatDistance = ThreatRange;
        for (var s = -3; s <= 3; s++)
        {
            var j = s & (n - 1);
            var kind = Observation.HitKind(observation, j);
            var d = observation[Observation.Distance(j)];
            if (kind is EntityKind.Hazard or EntityKind.Drone or EntityKind.Mine && d < threatDistance)
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

        // 2. Nearest pickup.
        var pickupRay = int.MinValue;
        var pickupDistance = float.PositiveInfinity;
        for (var j = 0; j < n; j++)
        {
            var d = observation[Observation.Distance(j)];
            if (Observation.HitKind(observation, j) == EntityKind.Pickup && d < pickupDistance)
            {
                (pickupRay, pickupDistance) = (j <= n / 2 ? j : j - n, d);
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
