using Harness.Core;
using Harness.Sim;
using Harness.Sim.Policies;
using Harness.Sim.Replays;
using NUnit.Framework;

namespace Harness.Tests.Sim;

[TestFixture]
public sealed class ReplayTests
{
    private static Replay Record(int ticks, out World world)
    {
        world = World.Create(new SimOptions { Agents = 6, EpisodeTicks = ticks, Mines = 2 }, 8);
        var recorder = new ReplayRecorder(world);
        var expert = new ExpertPolicy();
        var actions = new int[world.AgentCount];
        while (!world.IsDone)
        {
            expert.Act(world, actions);
            world.Step(actions);
            recorder.Record(actions);
        }

        return recorder.Replay;
    }

    [Test]
    public void ReplaysHoldEveryTickCompactlyAndSurviveAFile()
    {
        var replay = Record(40, out var world);
        Assert.That(replay.Frames, Is.EqualTo(41));
        Assert.That(replay.FrameSize, Is.EqualTo(6 * 6 + (world.DroneX.Length + world.PickupX.Length) * 4));
        var last = replay.Agent(40, 3);
        const double quantum = SimConstants.ArenaSize / 65535.0; // uint16 positions
        Assert.That(last.X, Is.EqualTo(world.AgentX[3]).Within(quantum));
        Assert.That(last.Y, Is.EqualTo(world.AgentY[3]).Within(quantum));
        Assert.That(last.Heading, Is.EqualTo(world.AgentHeading[3]));
        Assert.That(replay.Agent(0, 0).Action, Is.EqualTo(Replay.NoAction));

        var path = Path.Combine(Path.GetTempPath(), $"harness-replay-{Guid.NewGuid():N}.hsimreplay");
        try
        {
            replay.Save(path);
            var back = Replay.Load(path);
            Assert.That(back.Frames, Is.EqualTo(replay.Frames));
            Assert.That(back.Walls, Is.EqualTo(replay.Walls));
            Assert.That(back.Mines, Is.EqualTo(replay.Mines));
            Assert.That(back.Agent(17, 2), Is.EqualTo(replay.Agent(17, 2)));
            Assert.That(back.Pickup(40, 1), Is.EqualTo(replay.Pickup(40, 1)));

            File.WriteAllBytes(path, File.ReadAllBytes(path)[..^5]);
            Assert.That(Assert.Throws<UsageException>(() => Replay.Load(path))!.Message, Does.Contain(path).And.Contain("truncated"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void TheGifIsAWellFormedLoopingAnimationOfEveryFrame()
    {
        var replay = Record(30, out _);
        using var stream = new MemoryStream();
        var written = ReplayGif.Write(replay, stream, pixelsPerUnit: 4, frameStep: 2, delayCentiseconds: 7);
        var bytes = stream.ToArray();

        Assert.That(System.Text.Encoding.ASCII.GetString(bytes, 0, 6), Is.EqualTo("GIF89a"));
        Assert.That(bytes[^1], Is.EqualTo(0x3B));
        Assert.That(written, Is.EqualTo(ReplayGif.FrameCount(replay, 2)).And.EqualTo(16));

        var gif = GifDecoder.Decode(bytes);
        Assert.That((gif.Width, gif.Height), Is.EqualTo((80, 80)));
        Assert.That(gif.PaletteSize, Is.EqualTo(16));
        Assert.That(gif.LoopCount, Is.EqualTo(0), "loops forever");
        Assert.That(gif.Frames, Has.Count.EqualTo(16));
        Assert.That(gif.Delays, Is.All.EqualTo(7));

        var expected = new byte[80 * 80];
        for (var f = 0; f < gif.Frames.Count; f++)
        {
            ReplayGif.RenderFrame(replay, 2 * f, 4, expected);
            Assert.That(gif.Frames[f], Is.EqualTo(expected), $"frame {f} decodes back to what was rendered");
        }

        Assert.That(gif.Frames[0].Distinct().Count(), Is.GreaterThanOrEqualTo(6), "floor, walls, entities and agents are drawn");
    }

    [Test]
    public void LzwSurvivesTableResetsAndWideCodes()
    {
        // 256 colours of noise fill the 4,096-entry table many times over, exercising 9…12-bit codes and clears.
        var rng = new SimRandom(1);
        var palette = new byte[256 * 3];
        var pixels = new byte[300 * 200];
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (byte)(i % 7 == 0 ? rng.NextInt(256) : rng.NextInt(3));
        }

        using var stream = new MemoryStream();
        using (var writer = new GifWriter(stream, 300, 200, palette, 5, loops: 3))
        {
            writer.AddFrame(pixels);
            writer.AddFrame(new byte[300 * 200]);
        }

        var gif = GifDecoder.Decode(stream.ToArray());
        Assert.That(gif.LoopCount, Is.EqualTo(3));
        Assert.That(gif.Frames[0], Is.EqualTo(pixels));
        Assert.That(gif.Frames[1], Is.All.EqualTo((byte)0));
    }
}
