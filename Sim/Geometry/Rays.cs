namespace Harness.Sim.Geometry;

/// <summary>
/// Ray intersection in closed form. Rays start at a point and run along a unit direction; results are the
/// distance along the ray to the first hit, or <see cref="float.PositiveInfinity"/> for a miss.
/// </summary>
public static class Rays
{
    /// <summary>
    /// Distance from (<paramref name="px"/>, <paramref name="py"/>) inside the arena [0, size]² to its border
    /// along (<paramref name="dx"/>, <paramref name="dy"/>).
    /// </summary>
    public static float ToArenaBorder(float px, float py, float dx, float dy, float size)
    {
        var tx = dx > 0f ? (size - px) / dx : dx < 0f ? -px / dx : float.PositiveInfinity;
        var ty = dy > 0f ? (size - py) / dy : dy < 0f ? -py / dy : float.PositiveInfinity;
        return MathF.Max(0f, MathF.Min(tx, ty));
    }

    /// <summary>
    /// Slab test against an axis-aligned box; <paramref name="invDx"/> and <paramref name="invDy"/> are 1/dx and
    /// 1/dy (unused where the component is exactly 0). A start inside the box gives 0.
    /// </summary>
    public static float ToBox(float px, float py, float dx, float dy, float invDx, float invDy, in Box box)
    {
        var tMin = 0f;
        var tMax = float.PositiveInfinity;
        if (dx == 0f)
        {
            if (px < box.MinX || px > box.MaxX)
            {
                return float.PositiveInfinity;
            }
        }
        else
        {
            var t1 = (box.MinX - px) * invDx;
            var t2 = (box.MaxX - px) * invDx;
            tMin = MathF.Max(tMin, MathF.Min(t1, t2));
            tMax = MathF.Min(tMax, MathF.Max(t1, t2));
        }

        if (dy == 0f)
        {
            if (py < box.MinY || py > box.MaxY)
            {
                return float.PositiveInfinity;
            }
        }
        else
        {
            var t1 = (box.MinY - py) * invDy;
            var t2 = (box.MaxY - py) * invDy;
            tMin = MathF.Max(tMin, MathF.Min(t1, t2));
            tMax = MathF.Min(tMax, MathF.Max(t1, t2));
        }

        return tMin <= tMax ? tMin : float.PositiveInfinity;
    }

    /// <summary>
    /// Distance to a circle of radius <paramref name="r"/> whose centre is at (<paramref name="relX"/>,
    /// <paramref name="relY"/>) relative to the ray's start; 0 when the start is inside.
    /// </summary>
    public static float ToCircle(float relX, float relY, float dx, float dy, float r)
    {
        var d2 = relX * relX + relY * relY;
        var r2 = r * r;
        if (d2 <= r2)
        {
            return 0f;
        }

        var t = relX * dx + relY * dy;
        if (t <= 0f)
        {
            return float.PositiveInfinity;
        }

        var perp2 = d2 - t * t;
        return perp2 > r2 ? float.PositiveInfinity : t - MathF.Sqrt(r2 - perp2);
    }

    /// <summary>
    /// Angle of (x, y) in [0, 2π) by a minimax polynomial (absolute error below 1e-5 rad): deterministic and
    /// cheaper than <see cref="MathF.Atan2"/>. Used only to pick candidate rays, never for a distance.
    /// </summary>
    public static float Angle(float y, float x)
    {
        var ax = MathF.Abs(x);
        var ay = MathF.Abs(y);
        var a = MathF.Min(ax, ay) / MathF.Max(MathF.Max(ax, ay), 1e-30f);
        var s = a * a;
        var r = ((-0.0464964749f * s + 0.15931422f) * s - 0.327622764f) * s * a + a;
        if (ay > ax)
        {
            r = MathF.PI / 2f - r;
        }

        if (x < 0f)
        {
            r = MathF.PI - r;
        }

        if (y < 0f)
        {
            r = 2f * MathF.PI - r;
        }

        return r >= 2f * MathF.PI ? 0f : r;
    }
}
