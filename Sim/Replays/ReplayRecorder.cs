namespace Harness.Sim.Replays;

/// <summary>
/// Records a world's episode into a <see cref="Replay"/>: the constructor captures the layout and frame 0;
/// call <see cref="Record"/> after every <see cref="World.Step"/> with the actions that were applied.
/// </summary>
public sealed class ReplayRecorder
{
    private readonly World _world;
    private readonly List<byte> _frames;
    private readonly Replay _replay;
    private readonly int[] _hits;
    private readonly int[] _collected;

    /// <summary>Starts recording <paramref name="world"/> from its current state.</summary>
    public ReplayRecorder(World world)
    {
        _world = world;
        var frameSize = world.AgentCount * Replay.AgentBytes + (world.DroneX.Length + world.PickupX.Length) * 4;
        _frames = new List<byte>(frameSize * (world.EpisodeTicks - world.Tick + 1));
        _hits = world.Hits.ToArray();
        _collected = world.PickupsCollected.ToArray();
        var hazards = new Spot[world.HazardX.Length];
        for (var i = 0; i < hazards.Length; i++)
        {
            hazards[i] = new Spot(world.HazardX[i], world.HazardY[i]);
        }

        var mines = new Spot[world.MineX.Length];
        for (var i = 0; i < mines.Length; i++)
        {
            mines[i] = new Spot(world.MineX[i], world.MineY[i]);
        }

        _replay = new Replay([.. world.Walls], hazards, mines, world.AgentCount, world.DroneX.Length, world.PickupX.Length, _frames);
        Capture(default, first: true);
    }

    /// <summary>The replay so far (it grows as frames are recorded).</summary>
    public Replay Replay => _replay;

    /// <summary>Appends the frame after a step that applied <paramref name="actions"/>.</summary>
    public void Record(ReadOnlySpan<int> actions)
    {
        if (actions.Length != _world.AgentCount)
        {
            throw new ArgumentException($"Expected {_world.AgentCount} actions, got {actions.Length}.", nameof(actions));
        }

        Capture(actions, first: false);
    }

    private void Capture(ReadOnlySpan<int> actions, bool first)
    {
        var w = _world;
        for (var i = 0; i < w.AgentCount; i++)
        {
            AddCoordinate(w.AgentX[i]);
            AddCoordinate(w.AgentY[i]);
            _frames.Add((byte)w.AgentHeading[i]);
            var flags = first ? Replay.NoAction : (byte)(actions[i] & 0x0F);
            if (w.PickupsCollected[i] != _collected[i])
            {
                flags |= Replay.PickedFlag;
                _collected[i] = w.PickupsCollected[i];
            }

            if (w.Hits[i] != _hits[i])
            {
                flags |= Replay.HitFlag;
                _hits[i] = w.Hits[i];
            }

            _frames.Add(flags);
        }

        for (var i = 0; i < w.DroneX.Length; i++)
        {
            AddCoordinate(w.DroneX[i]);
            AddCoordinate(w.DroneY[i]);
        }

        for (var i = 0; i < w.PickupX.Length; i++)
        {
            AddCoordinate(w.PickupX[i]);
            AddCoordinate(w.PickupY[i]);
        }
    }

    private void AddCoordinate(float v)
    {
        var q = Replay.Quantize(v);
        _frames.Add((byte)q);
        _frames.Add((byte)(q >> 8));
    }
}
