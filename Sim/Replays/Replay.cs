using System.Buffers.Binary;
using System.Text;
using Harness.Core;
using Harness.Sim.Geometry;

namespace Harness.Sim.Replays;

/// <summary>
/// A recorded episode, compact: the static layout once (walls, hazards, mines as float32), then one frame per
/// tick with every agent (x, y as uint16 fractions of the arena, heading, action and event flags: 6 bytes),
/// every drone and every pickup (x, y as uint16: 4 bytes each). Frame 0 is the state before the first step.
/// <para>File layout (<c>.hsimreplay</c>, little-endian): magic <c>HSIMRPLY</c>, uint32 version (1), uint32
/// agents, drones, pickups, frames; uint32 wall count then 4 float32 per wall (min x, min y, max x, max y);
/// uint32 hazard count then 2 float32 each; uint32 mine count then 2 float32 each; then the frames
/// (<see cref="FrameSize"/> bytes each).</para>
/// </summary>
public sealed class Replay
{
    /// <summary>Bytes per agent per frame: x (uint16), y (uint16), heading (byte), action | flags (byte).</summary>
    public const int AgentBytes = 6;

    /// <summary>Action byte flag: the agent collected a pickup this tick.</summary>
    public const byte PickedFlag = 0x10;

    /// <summary>Action byte flag: the agent was hit (and respawned) this tick.</summary>
    public const byte HitFlag = 0x20;

    /// <summary>Action value of frame 0, before any action.</summary>
    public const byte NoAction = 0x0F;

    private static ReadOnlySpan<byte> Magic => "HSIMRPLY"u8;

    private const uint Version = 1;

    private readonly List<byte> _frames;

    internal Replay(Box[] walls, Spot[] hazards, Spot[] mines, int agents, int drones, int pickups, List<byte> frames)
    {
        Walls = walls;
        Hazards = hazards;
        Mines = mines;
        Agents = agents;
        Drones = drones;
        Pickups = pickups;
        _frames = frames;
    }

    /// <summary>Interior walls.</summary>
    public IReadOnlyList<Box> Walls { get; }

    /// <summary>Static hazards.</summary>
    public IReadOnlyList<Spot> Hazards { get; }

    /// <summary>Mines.</summary>
    public IReadOnlyList<Spot> Mines { get; }

    /// <summary>Agents per frame.</summary>
    public int Agents { get; }

    /// <summary>Drones per frame.</summary>
    public int Drones { get; }

    /// <summary>Pickups per frame.</summary>
    public int Pickups { get; }

    /// <summary>Bytes of one frame.</summary>
    public int FrameSize => Agents * AgentBytes + (Drones + Pickups) * 4;

    /// <summary>Recorded frames.</summary>
    public int Frames => _frames.Count / FrameSize;

    /// <summary>Agent <paramref name="agent"/> in frame <paramref name="frame"/>: position (to 1/65535 of the
    /// arena), heading index, action (<see cref="NoAction"/> in frame 0) and event flags.</summary>
    public (float X, float Y, int Heading, int Action, bool Picked, bool Hit) Agent(int frame, int agent)
    {
        var o = frame * FrameSize + agent * AgentBytes;
        var flags = _frames[o + 5];
        return (Coordinate(o), Coordinate(o + 2), _frames[o + 4], flags & 0x0F, (flags & PickedFlag) != 0, (flags & HitFlag) != 0);
    }

    /// <summary>Drone <paramref name="drone"/>'s position in frame <paramref name="frame"/>.</summary>
    public (float X, float Y) Drone(int frame, int drone)
    {
        var o = frame * FrameSize + Agents * AgentBytes + drone * 4;
        return (Coordinate(o), Coordinate(o + 2));
    }

    /// <summary>Pickup <paramref name="pickup"/>'s position in frame <paramref name="frame"/>.</summary>
    public (float X, float Y) Pickup(int frame, int pickup)
    {
        var o = frame * FrameSize + Agents * AgentBytes + (Drones + pickup) * 4;
        return (Coordinate(o), Coordinate(o + 2));
    }

    /// <summary>A position quantized to uint16 (what frames store).</summary>
    internal static ushort Quantize(float v) =>
        (ushort)Math.Clamp(MathF.Round(v / SimConstants.ArenaSize * 65535f), 0f, 65535f);

    private float Coordinate(int offset) =>
        (_frames[offset] | (_frames[offset + 1] << 8)) * (SimConstants.ArenaSize / 65535f);

    /// <summary>Writes the replay file.</summary>
    public void Save(string path)
    {
        using var w = new BinaryWriter(File.Create(path), Encoding.UTF8, leaveOpen: false);
        w.Write(Magic);
        w.Write(Version);
        w.Write((uint)Agents);
        w.Write((uint)Drones);
        w.Write((uint)Pickups);
        w.Write((uint)Frames);
        w.Write((uint)Walls.Count);
        foreach (var b in Walls)
        {
            w.Write(b.MinX);
            w.Write(b.MinY);
            w.Write(b.MaxX);
            w.Write(b.MaxY);
        }

        foreach (var spots in new[] { Hazards, Mines })
        {
            w.Write((uint)spots.Count);
            foreach (var s in spots)
            {
                w.Write(s.X);
                w.Write(s.Y);
            }
        }

        w.Write(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_frames));
    }

    /// <summary>Reads a replay file; a file that is not one, or is cut short, is a <see cref="UsageException"/>.</summary>
    public static Replay Load(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"Cannot read replay {path}: {e.Message}", e);
        }

        var pos = 0;
        ReadOnlySpan<byte> Take(long n)
        {
            if (n < 0 || pos + n > bytes.Length)
            {
                throw new UsageException($"Replay {path}: truncated ({bytes.Length} bytes).");
            }

            var span = bytes.AsSpan(pos, (int)n);
            pos += (int)n;
            return span;
        }

        uint U32() => BinaryPrimitives.ReadUInt32LittleEndian(Take(4));
        float F32() => BinaryPrimitives.ReadSingleLittleEndian(Take(4));

        if (!Take(Math.Min(8, bytes.Length)).SequenceEqual(Magic))
        {
            throw new UsageException($"Replay {path}: not a replay (the file does not start with 'HSIMRPLY').");
        }

        if (U32() is var version && version != Version)
        {
            throw new UsageException($"Replay {path}: version {version}; this reader knows version {Version}.");
        }

        var agents = (int)Math.Min(U32(), 1u << 20);
        var drones = (int)Math.Min(U32(), 1u << 20);
        var pickups = (int)Math.Min(U32(), 1u << 20);
        var frames = U32();
        var walls = new Box[Math.Min(U32(), (uint)bytes.Length / 16)];
        for (var i = 0; i < walls.Length; i++)
        {
            walls[i] = new Box(F32(), F32(), F32(), F32());
        }

        var statics = new Spot[2][];
        for (var s = 0; s < 2; s++)
        {
            statics[s] = new Spot[Math.Min(U32(), (uint)bytes.Length / 8)];
            for (var i = 0; i < statics[s].Length; i++)
            {
                statics[s][i] = new Spot(F32(), F32());
            }
        }

        var frameSize = (long)agents * AgentBytes + (drones + (long)pickups) * 4;
        var body = Take(frameSize * frames);
        if (pos != bytes.Length)
        {
            throw new UsageException($"Replay {path}: {bytes.Length - pos} unexpected bytes after {frames} frames.");
        }

        return new Replay(walls, statics[0], statics[1], agents, drones, pickups, [.. body]);
    }
}
