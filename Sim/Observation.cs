namespace Harness.Sim;

/// <summary>
/// Layout of the fixed-size per-agent observation vector (<see cref="Size"/> floats), written by
/// <see cref="World.Observe"/>:
/// <list type="bullet">
/// <item>for each ray j = 0…15 (j = 0 straight ahead, then counter-clockwise every 22.5°), <see cref="PerRay"/>
/// floats at j·7: the distance to the first hit divided by <see cref="RayRange"/> (in [0, 1]; 1 when nothing is
/// within range), then a one-hot of what was hit in <see cref="EntityKind"/> order: nothing, wall, pickup,
/// hazard, drone, mine;</item>
/// <item>at <see cref="SelfOffset"/>: forward velocity / top speed, leftward velocity / top speed (both in
/// [−1, 1]), cos(heading), sin(heading) (heading in the world frame, counter-clockwise from east).</item>
/// </list>
/// The mine slot is always 0 unless the unseen-entity shift is on.
/// </summary>
public static class Observation
{
    /// <summary>Number of rays, evenly spaced around the agent (one per heading step).</summary>
    public const int RayCount = SimConstants.Headings;

    /// <summary>One-hot width of a ray's hit kind (nothing, wall, pickup, hazard, drone, mine).</summary>
    public const int HitKinds = 6;

    /// <summary>Floats per ray: the normalized distance and the one-hot.</summary>
    public const int PerRay = 1 + HitKinds;

    /// <summary>Index of the self block (velocity and heading).</summary>
    public const int SelfOffset = RayCount * PerRay;

    /// <summary>Floats in one observation.</summary>
    public const int Size = SelfOffset + 4;

    /// <summary>Sensing range of a ray in arena units; distances are divided by it.</summary>
    public const float RayRange = 10f;

    /// <summary>Index of ray <paramref name="ray"/>'s normalized distance.</summary>
    public static int Distance(int ray) => ray * PerRay;

    /// <summary>Index of ray <paramref name="ray"/>'s one-hot slot for <paramref name="kind"/>.</summary>
    public static int Hit(int ray, EntityKind kind) => ray * PerRay + 1 + (int)kind;

    /// <summary>The kind whose one-hot slot of ray <paramref name="ray"/> is set.</summary>
    public static EntityKind HitKind(ReadOnlySpan<float> observation, int ray)
    {
        var o = ray * PerRay + 1;
        for (var k = 0; k < HitKinds; k++)
        {
            if (observation[o + k] > 0.5f)
            {
                return (EntityKind)k;
            }
        }

        return EntityKind.Nothing;
    }
}
