namespace Harness.Sim.Replays;

/// <summary>
/// Renders a <see cref="Replay"/> to an animated GIF: the whole arena seen from above, north up, at
/// <c>pixelsPerUnit</c> pixels per arena unit, one GIF frame per <c>frameStep</c> recorded frames. Colours
/// (indices of <see cref="PaletteRgb"/>): floor, wall, pickup, hazard, drone, mine, agent, agent nose (a dot
/// one radius ahead), agent just hit (red), agent just scored (white).
/// </summary>
public static class ReplayGif
{
    /// <summary>Palette index of the floor.</summary>
    public const byte Floor = 0;

    /// <summary>Palette index of walls.</summary>
    public const byte Wall = 1;

    /// <summary>Palette index of pickups.</summary>
    public const byte Pickup = 2;

    /// <summary>Palette index of hazards.</summary>
    public const byte Hazard = 3;

    /// <summary>Palette index of drones.</summary>
    public const byte Drone = 4;

    /// <summary>Palette index of mines.</summary>
    public const byte Mine = 5;

    /// <summary>Palette index of agents.</summary>
    public const byte Agent = 6;

    /// <summary>Palette index of an agent's nose (shows its heading).</summary>
    public const byte Nose = 7;

    /// <summary>Palette index of an agent hit this frame.</summary>
    public const byte AgentHit = 8;

    /// <summary>Palette index of an agent that scored this frame.</summary>
    public const byte AgentScored = 9;

    /// <summary>The 16-colour global palette (RGB triplets; the last six are unused black).</summary>
    public static ReadOnlySpan<byte> PaletteRgb =>
    [
        30, 30, 40, 140, 140, 150, 60, 210, 90, 230, 60, 50, 245, 190, 40, 180, 70, 230, 70, 130, 250,
        255, 255, 255, 255, 0, 0, 255, 255, 200,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    ];

    /// <summary>Side of a rendered frame in pixels.</summary>
    public static int FrameSide(int pixelsPerUnit) => (int)(SimConstants.ArenaSize * pixelsPerUnit);

    /// <summary>Writes the GIF to <paramref name="path"/>; returns the number of frames written.</summary>
    public static int Write(Replay replay, string path, int pixelsPerUnit = 8, int frameStep = 1, int delayCentiseconds = 10)
    {
        using var stream = File.Create(path);
        return Write(replay, stream, pixelsPerUnit, frameStep, delayCentiseconds);
    }

    /// <summary>Writes the GIF to <paramref name="output"/>; returns the number of frames written.</summary>
    public static int Write(Replay replay, Stream output, int pixelsPerUnit = 8, int frameStep = 1, int delayCentiseconds = 10)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pixelsPerUnit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(frameStep, 1);
        var side = FrameSide(pixelsPerUnit);
        var pixels = new byte[side * side];
        using var gif = new GifWriter(output, side, side, PaletteRgb, delayCentiseconds);
        for (var f = 0; f < replay.Frames; f += frameStep)
        {
            RenderFrame(replay, f, pixelsPerUnit, pixels);
            gif.AddFrame(pixels);
        }

        return gif.FrameCount;
    }

    /// <summary>Frames <see cref="Write(Replay, Stream, int, int, int)"/> writes for these settings.</summary>
    public static int FrameCount(Replay replay, int frameStep = 1) => (replay.Frames + frameStep - 1) / frameStep;

    /// <summary>Draws recorded frame <paramref name="frame"/> as palette indices (row 0 at the north edge).</summary>
    public static void RenderFrame(Replay replay, int frame, int pixelsPerUnit, Span<byte> pixels)
    {
        var side = FrameSide(pixelsPerUnit);
        pixels = pixels[..(side * side)];
        pixels.Fill(Floor);
        foreach (var b in replay.Walls)
        {
            FillRect(pixels, side, pixelsPerUnit, b.MinX, b.MinY, b.MaxX, b.MaxY, Wall);
        }

        foreach (var h in replay.Hazards)
        {
            Disc(pixels, side, pixelsPerUnit, h.X, h.Y, SimConstants.HazardRadius, Hazard);
        }

        foreach (var m in replay.Mines)
        {
            Disc(pixels, side, pixelsPerUnit, m.X, m.Y, SimConstants.MineRadius, Mine);
        }

        for (var p = 0; p < replay.Pickups; p++)
        {
            var (x, y) = replay.Pickup(frame, p);
            Disc(pixels, side, pixelsPerUnit, x, y, SimConstants.PickupRadius, Pickup);
        }

        for (var d = 0; d < replay.Drones; d++)
        {
            var (x, y) = replay.Drone(frame, d);
            Disc(pixels, side, pixelsPerUnit, x, y, SimConstants.DroneRadius, Drone);
        }

        for (var a = 0; a < replay.Agents; a++)
        {
            var (x, y, heading, _, picked, hit) = replay.Agent(frame, a);
            Disc(pixels, side, pixelsPerUnit, x, y, SimConstants.AgentRadius, hit ? AgentHit : picked ? AgentScored : Agent);
            var nx = x + SimConstants.AgentRadius * Headings.X(heading);
            var ny = y + SimConstants.AgentRadius * Headings.Y(heading);
            Disc(pixels, side, pixelsPerUnit, nx, ny, 0.6f / pixelsPerUnit, Nose);
        }
    }

    private static void FillRect(Span<byte> pixels, int side, int ppu, float x0, float y0, float x1, float y1, byte color)
    {
        var c0 = Math.Max(0, (int)MathF.Floor(x0 * ppu));
        var c1 = Math.Min(side - 1, (int)MathF.Ceiling(x1 * ppu) - 1);
        var r0 = Math.Max(0, side - (int)MathF.Ceiling(y1 * ppu));
        var r1 = Math.Min(side - 1, side - 1 - (int)MathF.Floor(y0 * ppu));
        for (var r = r0; r <= r1; r++)
        {
            for (var c = c0; c <= c1; c++)
            {
                pixels[r * side + c] = color;
            }
        }
    }

    private static void Disc(Span<byte> pixels, int side, int ppu, float x, float y, float radius, byte color)
    {
        var cx = x * ppu;
        var cy = (SimConstants.ArenaSize - y) * ppu; // rows grow southwards
        var rr = MathF.Max(radius * ppu, 0.5f);
        var r0 = Math.Max(0, (int)MathF.Floor(cy - rr));
        var r1 = Math.Min(side - 1, (int)MathF.Ceiling(cy + rr));
        var c0 = Math.Max(0, (int)MathF.Floor(cx - rr));
        var c1 = Math.Min(side - 1, (int)MathF.Ceiling(cx + rr));
        for (var r = r0; r <= r1; r++)
        {
            for (var c = c0; c <= c1; c++)
            {
                var dx = c + 0.5f - cx;
                var dy = r + 0.5f - cy;
                if (dx * dx + dy * dy <= rr * rr)
                {
                    pixels[r * side + c] = color;
                }
            }
        }
    }
}
