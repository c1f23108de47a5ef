namespace Harness.Sim.Geometry;

/// <summary>An axis-aligned rectangle [MinX, MaxX] × [MinY, MaxY]: the shape of every interior wall.</summary>
public readonly record struct Box(float MinX, float MinY, float MaxX, float MaxY)
{
    /// <summary>Width along x.</summary>
    public float Width => MaxX - MinX;

    /// <summary>Height along y.</summary>
    public float Height => MaxY - MinY;

    /// <summary>Whether the point lies inside or on the border.</summary>
    public bool Contains(float x, float y) => x >= MinX && x <= MaxX && y >= MinY && y <= MaxY;

    /// <summary>Distance from the point to the rectangle (0 inside).</summary>
    public float Distance(float x, float y)
    {
        var dx = MathF.Max(MathF.Max(MinX - x, 0f), x - MaxX);
        var dy = MathF.Max(MathF.Max(MinY - y, 0f), y - MaxY);
        return MathF.Sqrt(dx * dx + dy * dy);
    }

    /// <summary>Whether a disc of radius <paramref name="r"/> at the point overlaps the rectangle.</summary>
    public bool Overlaps(float x, float y, float r)
    {
        var dx = MathF.Max(MathF.Max(MinX - x, 0f), x - MaxX);
        var dy = MathF.Max(MathF.Max(MinY - y, 0f), y - MaxY);
        return dx * dx + dy * dy < r * r;
    }
}
