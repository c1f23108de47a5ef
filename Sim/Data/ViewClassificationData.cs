using Harness.Core.Console;
using Harness.Sim.Policies;
using Harness.Sim.Rendering;

namespace Harness.Sim.Data;

/// <summary>
/// Generates the view-classification dataset: <see cref="EgoView"/> images (3×32×32) centred on a probe point
/// at a random rotation, labelled with what covers the view's centre: nothing (floor), wall, pickup, hazard,
/// drone (and mine when <see cref="SimOptions.Mines"/> &gt; 0). A probe is kept only when the whole disc of radius
/// <see cref="CentreRadius"/> around it shows one kind and no agent (see <see cref="LabelAt"/>), so the four
/// central pixels always show the label's colour and shape and the label is never ambiguous. Classes are exactly
/// balanced (round robin). Worlds come from seeds derived from <c>seed</c> and are stepped 0–49 random ticks
/// first, so drones and agents are scattered.
/// </summary>
public static class ViewClassificationData
{
    /// <summary>Radius (arena units) of the centre disc that must show one kind (covers the 2×2 central pixels).</summary>
    public const float CentreRadius = 0.15f;

    /// <summary>Images taken from one world before the next is generated.</summary>
    public const int PerWorld = 50;

    /// <summary>Class names in label order for <paramref name="options"/>.</summary>
    public static IReadOnlyList<string> ClassNames(SimOptions options) =>
        options.Mines > 0 ? ["nothing", "wall", "pickup", "hazard", "drone", "mine"] : ["nothing", "wall", "pickup", "hazard", "drone"];

    /// <summary>Generates <paramref name="samples"/> images (palette and lighting from <paramref name="options"/>).</summary>
    public static ImageSet Generate(SimOptions options, int samples, ulong seed, ProgressLine? progress = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(samples);
        options.ThrowIfInvalid();
        var names = ClassNames(options);
        var palette = new ViewPalette(options);
        var pixels = new byte[(long)samples * EgoView.Size];
        var labels = new int[samples];
        var rng = new SimRandom(SimRandom.Derive(seed, 0x5649));
        var filled = 0;
        for (ulong w = 0; filled < samples; w++)
        {
            var world = World.Create(options, SimRandom.Derive(seed, w));
            var random = new RandomPolicy(SimRandom.Derive(seed, w + 0x1000));
            var actions = new int[world.AgentCount];
            for (var t = rng.NextInt(50); t > 0 && !world.IsDone; t--)
            {
                random.Act(world, actions);
                world.Step(actions);
            }

            for (var k = 0; k < PerWorld && filled < samples; k++)
            {
                var target = (EntityKind)(filled % names.Count);
                if (!TryProbe(world, target, rng, out var x, out var y))
                {
                    break; // this world has no such entity: take the next world
                }

                var angle = rng.Range(0f, 2f * MathF.PI);
                EgoView.Render(world, x, y, MathF.Cos(angle), MathF.Sin(angle), palette, pixels.AsSpan(filled * EgoView.Size, EgoView.Size));
                labels[filled++] = (int)target;
                progress?.Report(filled, samples, $"world {w + 1}");
            }
        }

        var description = $"view classification: {samples} images of {EgoView.Channels}×{EgoView.Pixels}×{EgoView.Pixels} from seed {seed}, options {options}";
        return new ImageSet(pixels, labels, EgoView.Channels, EgoView.Pixels, EgoView.Pixels, names, description);
    }

    /// <summary>
    /// The label of a view centred on (<paramref name="x"/>, <paramref name="y"/>): the kind drawn at the centre
    /// and at 8 points on the circle of radius <see cref="CentreRadius"/> around it when all nine agree and none
    /// is an agent; otherwise null (ambiguous).
    /// </summary>
    public static EntityKind? LabelAt(World world, float x, float y)
    {
        var kind = EgoView.KindAt(world, x, y);
        if (kind == EntityKind.Agent)
        {
            return null;
        }

        for (var k = 0; k < 8; k++)
        {
            if (EgoView.KindAt(world, x + CentreRadius * Headings.X(2 * k), y + CentreRadius * Headings.Y(2 * k)) != kind)
            {
                return null;
            }
        }

        return kind;
    }

    private static bool TryProbe(World world, EntityKind target, SimRandom rng, out float x, out float y)
    {
        const float s = SimConstants.ArenaSize;
        for (var attempt = 0; attempt < 200; attempt++)
        {
            (x, y) = target switch
            {
                EntityKind.Nothing => (rng.Range(0f, s), rng.Range(0f, s)),
                EntityKind.Wall => WallPoint(world, rng),
                _ => EntityPoint(world, target, rng),
            };

            if (!float.IsNaN(x) && LabelAt(world, x, y) == target)
            {
                return true;
            }
        }

        (x, y) = (0f, 0f);
        return false;
    }

    private static (float, float) WallPoint(World world, SimRandom rng)
    {
        const float s = SimConstants.ArenaSize;
        var walls = world.Walls;
        if (walls.Length > 0 && rng.NextInt(2) == 0)
        {
            var b = walls[rng.NextInt(walls.Length)];
            return (rng.Range(b.MinX - 0.2f, b.MaxX + 0.2f), rng.Range(b.MinY - 0.2f, b.MaxY + 0.2f));
        }

        // Near the border: up to 0.6 units outside (walls) or 0.2 inside (rejected by the label check).
        var along = rng.Range(0f, s);
        var depth = rng.Range(-0.6f, 0.2f);
        return rng.NextInt(4) switch
        {
            0 => (depth, along),
            1 => (s - depth, along),
            2 => (along, depth),
            _ => (along, s - depth),
        };
    }

    private static (float, float) EntityPoint(World world, EntityKind target, SimRandom rng)
    {
        var count = 0;
        for (var c = 0; c < world.CircleCount; c++)
        {
            count += world.Circle(c).Kind == target ? 1 : 0;
        }

        if (count == 0)
        {
            return (float.NaN, float.NaN);
        }

        var pick = rng.NextInt(count);
        for (var c = 0; c < world.CircleCount; c++)
        {
            var (ex, ey, r, kind) = world.Circle(c);
            if (kind == target && pick-- == 0)
            {
                var a = rng.Range(0f, 2f * MathF.PI);
                var d = r * 0.5f * MathF.Sqrt(rng.NextFloat());
                return (ex + d * MathF.Cos(a), ey + d * MathF.Sin(a));
            }
        }

        return (float.NaN, float.NaN);
    }
}
