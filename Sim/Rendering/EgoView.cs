namespace Harness.Sim.Rendering;

/// <summary>
/// Renders a small top-down RGB image of the world around a point, rotated so that a given direction points up:
/// <see cref="Channels"/>×<see cref="Pixels"/>×<see cref="Pixels"/> bytes, planar (channel, row, column), row 0
/// at the far edge ahead, column 0 on the left. The image spans <see cref="Extent"/> arena units
/// (<see cref="UnitsPerPixel"/> per pixel); each pixel shows what covers the world point under its centre.
/// <para>Shapes (sized by the entity's radius r, in world axes so they turn with the view): pickup = disc of r,
/// hazard = square of half-side 0.85 r, drone = diamond |dx|+|dy| ≤ 1.2 r, mine = cross of arms 1.1 r and
/// half-width 0.35 r, other agents = disc of r; walls and everything outside the arena are wall-coloured.
/// Later kinds are drawn over earlier ones in that order (pickups lowest, agents on top). An agent's own view
/// does not draw the agent itself.</para>
/// </summary>
public static class EgoView
{
    /// <summary>Colour channels (RGB).</summary>
    public const int Channels = 3;

    /// <summary>Image side in pixels.</summary>
    public const int Pixels = 32;

    /// <summary>Bytes of one view.</summary>
    public const int Size = Channels * Pixels * Pixels;

    /// <summary>Side of the square area shown, in arena units.</summary>
    public const float Extent = 6f;

    /// <summary>Arena units per pixel.</summary>
    public const float UnitsPerPixel = Extent / Pixels;

    /// <summary>Agent <paramref name="agent"/>'s view: centred on it, its heading up.</summary>
    public static void RenderAgent(World world, int agent, ViewPalette palette, Span<byte> destination)
    {
        var h = world.AgentHeading[agent];
        Render(world, world.AgentX[agent], world.AgentY[agent], Headings.X(h), Headings.Y(h), palette, destination, agent);
    }

    /// <summary>
    /// The view centred on (<paramref name="cx"/>, <paramref name="cy"/>) with the unit direction
    /// (<paramref name="upX"/>, <paramref name="upY"/>) pointing up; <paramref name="skipAgent"/> is not drawn
    /// (−1 draws all agents). Allocates nothing.
    /// </summary>
    public static void Render(World world, float cx, float cy, float upX, float upY, ViewPalette palette,
        Span<byte> destination, int skipAgent = -1)
    {
        const int n = Pixels;
        const int plane = n * n;
        var dst = destination[..Size];

        // Entities that can reach into the view: within the view's half-diagonal plus their size.
        const float reach = Extent * 0.7072f + 1f;
        Span<short> near = stackalloc short[world.CircleCount + world.AgentCount]; // ≤ 4,608 entries (option limits)
        var count = 0;
        for (var c = 0; c < world.CircleCount; c++)
        {
            var (x, y, _, _) = world.Circle(c);
            if (MathF.Abs(x - cx) < reach && MathF.Abs(y - cy) < reach)
            {
                near[count++] = (short)c;
            }
        }

        var agentsFrom = count;
        for (var a = 0; a < world.AgentCount; a++)
        {
            if (a != skipAgent && MathF.Abs(world.AgentX[a] - cx) < reach && MathF.Abs(world.AgentY[a] - cy) < reach)
            {
                near[count++] = (short)a;
            }
        }

        var rightX = upY;
        var rightY = -upX;
        var walls = world.Walls;
        for (var row = 0; row < n; row++)
        {
            var v = (n / 2f - row - 0.5f) * UnitsPerPixel; // ahead
            for (var col = 0; col < n; col++)
            {
                var u = (col + 0.5f - n / 2f) * UnitsPerPixel; // right
                var wx = cx + v * upX + u * rightX;
                var wy = cy + v * upY + u * rightY;
                var kind = KindAt(world, walls, near[..count], agentsFrom, wx, wy);
                var p = row * n + col;
                dst[p] = palette.Channel(kind, 0);
                dst[plane + p] = palette.Channel(kind, 1);
                dst[2 * plane + p] = palette.Channel(kind, 2);
            }
        }
    }

    /// <summary>What the renderer draws at world point (<paramref name="x"/>, <paramref name="y"/>), all agents included.</summary>
    public static EntityKind KindAt(World world, float x, float y)
    {
        Span<short> all = stackalloc short[world.CircleCount + world.AgentCount];
        for (var c = 0; c < world.CircleCount; c++)
        {
            all[c] = (short)c;
        }

        for (var a = 0; a < world.AgentCount; a++)
        {
            all[world.CircleCount + a] = (short)a;
        }

        return KindAt(world, world.Walls, all, world.CircleCount, x, y);
    }

    private static EntityKind KindAt(World world, ReadOnlySpan<Geometry.Box> walls, ReadOnlySpan<short> near, int agentsFrom,
        float x, float y)
    {
        const float s = SimConstants.ArenaSize;
        if (x < 0f || y < 0f || x > s || y > s)
        {
            return EntityKind.Wall;
        }

        var kind = EntityKind.Nothing;
        foreach (ref readonly var box in walls)
        {
            if (box.Contains(x, y))
            {
                kind = EntityKind.Wall;
                break;
            }
        }

        // Circles are stored pickups, hazards, drones, mines: later entries draw over earlier ones.
        for (var i = 0; i < near.Length; i++)
        {
            if (i < agentsFrom)
            {
                var (ex, ey, r, k) = world.Circle(near[i]);
                if (Covers(k, x - ex, y - ey, r))
                {
                    kind = k;
                }
            }
            else
            {
                var a = near[i];
                var dx = x - world.AgentX[a];
                var dy = y - world.AgentY[a];
                if (dx * dx + dy * dy <= SimConstants.AgentRadius * SimConstants.AgentRadius)
                {
                    kind = EntityKind.Agent;
                }
            }
        }

        return kind;
    }

    /// <summary>Whether the drawn shape of <paramref name="kind"/> with radius <paramref name="r"/> covers the
    /// offset (<paramref name="dx"/>, <paramref name="dy"/>) from its centre.</summary>
    public static bool Covers(EntityKind kind, float dx, float dy, float r)
    {
        var ax = MathF.Abs(dx);
        var ay = MathF.Abs(dy);
        return kind switch
        {
            EntityKind.Pickup or EntityKind.Agent => dx * dx + dy * dy <= r * r,
            EntityKind.Hazard => ax <= 0.85f * r && ay <= 0.85f * r,
            EntityKind.Drone => ax + ay <= 1.2f * r,
            EntityKind.Mine => (ax <= 0.35f * r && ay <= 1.1f * r) || (ay <= 0.35f * r && ax <= 1.1f * r),
            _ => false,
        };
    }
}
