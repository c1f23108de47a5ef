namespace Harness.Sim;

/// <summary>
/// Unit vectors of the 16 discrete headings (index k points at angle k·22.5°, counter-clockwise from east),
/// computed once in double precision with the axis-aligned ones exact, and their reciprocals for slab tests.
/// Agents' headings and ray directions are always one of these, so no trigonometry runs per tick.
/// </summary>
public static class Headings
{
    private static readonly float[] Xs = new float[SimConstants.Headings];
    private static readonly float[] Ys = new float[SimConstants.Headings];
    private static readonly float[] InvXs = new float[SimConstants.Headings];
    private static readonly float[] InvYs = new float[SimConstants.Headings];

    // Each direction table twice over, so the 16 rays of any heading h are the contiguous run [h, h + 16).
    private static readonly float[] RunXs = new float[2 * SimConstants.Headings];
    private static readonly float[] RunYs = new float[2 * SimConstants.Headings];

    static Headings()
    {
        for (var k = 0; k < SimConstants.Headings; k++)
        {
            var angle = k * 2.0 * Math.PI / SimConstants.Headings;
            var x = Math.Abs(Math.Cos(angle)) < 1e-9 ? 0.0 : Math.Cos(angle);
            var y = Math.Abs(Math.Sin(angle)) < 1e-9 ? 0.0 : Math.Sin(angle);
            Xs[k] = (float)x;
            Ys[k] = (float)y;
            InvXs[k] = x == 0.0 ? float.PositiveInfinity : (float)(1.0 / x);
            InvYs[k] = y == 0.0 ? float.PositiveInfinity : (float)(1.0 / y);
        }

        for (var k = 0; k < RunXs.Length; k++)
        {
            RunXs[k] = Xs[k % SimConstants.Headings];
            RunYs[k] = Ys[k % SimConstants.Headings];
        }
    }

    /// <summary>x of heading <paramref name="k"/> (any integer; taken modulo 16).</summary>
    public static float X(int k) => Xs[k & (SimConstants.Headings - 1)];

    /// <summary>y of heading <paramref name="k"/> (any integer; taken modulo 16).</summary>
    public static float Y(int k) => Ys[k & (SimConstants.Headings - 1)];

    /// <summary>x of the 16 ray directions of heading <paramref name="h"/> (0…15), ray j at index j.</summary>
    internal static ReadOnlySpan<float> RunX(int h) => RunXs.AsSpan(h, SimConstants.Headings);

    /// <summary>y of the 16 ray directions of heading <paramref name="h"/> (0…15), ray j at index j.</summary>
    internal static ReadOnlySpan<float> RunY(int h) => RunYs.AsSpan(h, SimConstants.Headings);

    /// <summary>1/x of heading <paramref name="k"/> (+∞ where x is 0).</summary>
    public static float InvX(int k) => InvXs[k & (SimConstants.Headings - 1)];

    /// <summary>1/y of heading <paramref name="k"/> (+∞ where y is 0).</summary>
    public static float InvY(int k) => InvYs[k & (SimConstants.Headings - 1)];
}
