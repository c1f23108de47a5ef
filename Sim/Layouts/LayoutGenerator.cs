using Harness.Sim.Geometry;

namespace Harness.Sim.Layouts;

/// <summary>
/// Interior wall layouts. Two families with visibly different statistics:
/// <list type="bullet">
/// <item><b>Train</b>: 3–5 chunky blocks (sides 1.5–3.5 units); the seed selects one of
/// <see cref="SimOptions.LayoutCount"/> fixed layouts, so training sees a finite set that repeats.</item>
/// <item><b>Novel</b>: 3–5 long thin walls (0.4 thick, 5–10 long, horizontal or vertical), some joined into
/// L shapes; every seed gives a fresh layout. Never used for training data.</item>
/// </list>
/// Walls keep 1.5 units away from the border, so the border corridor always connects the arena.
/// </summary>
public static class LayoutGenerator
{
    private const float Margin = 1.5f;

    /// <summary>The interior walls for <paramref name="options"/> and a world seed.</summary>
    public static Box[] Generate(SimOptions options, ulong seed)
    {
        if (options.UsesNovelLayouts)
        {
            return Novel(new SimRandom(SimRandom.Derive(seed, 0x4E4F56)));
        }

        var index = (ulong)(SimRandom.Derive(seed, 0x4C4159) % (ulong)options.LayoutCount);
        return Train(new SimRandom(SimRandom.Derive(index, 0x545241494E)));
    }

    /// <summary>A layout of the Train family drawn from <paramref name="rng"/>.</summary>
    public static Box[] Train(SimRandom rng)
    {
        var count = 3 + rng.NextInt(3);
        var boxes = new Box[count];
        const float s = SimConstants.ArenaSize;
        for (var i = 0; i < count; i++)
        {
            var w = rng.Range(1.5f, 3.5f);
            var h = rng.Range(1.5f, 3.5f);
            var x = rng.Range(Margin, s - Margin - w);
            var y = rng.Range(Margin, s - Margin - h);
            boxes[i] = new Box(x, y, x + w, y + h);
        }

        return boxes;
    }

    /// <summary>A layout of the Novel family drawn from <paramref name="rng"/>.</summary>
    public static Box[] Novel(SimRandom rng)
    {
        var count = 3 + rng.NextInt(3);
        var boxes = new List<Box>(count * 2);
        const float s = SimConstants.ArenaSize;
        const float t = 0.4f;
        for (var i = 0; i < count; i++)
        {
            var length = rng.Range(5f, 10f);
            var horizontal = rng.NextInt(2) == 0;
            var w = horizontal ? length : t;
            var h = horizontal ? t : length;
            var x = rng.Range(Margin, s - Margin - w);
            var y = rng.Range(Margin, s - Margin - h);
            boxes.Add(new Box(x, y, x + w, y + h));
            if (rng.NextInt(2) == 0)
            {
                // An L: a perpendicular arm from the first wall's start, kept inside the margin.
                var arm = rng.Range(2.5f, 5f);
                boxes.Add(horizontal
                    ? new Box(x, y, x + t, Math.Min(y + arm, s - Margin))
                    : new Box(x, y, Math.Min(x + arm, s - Margin), y + t));
            }
        }

        return [.. boxes];
    }
}
