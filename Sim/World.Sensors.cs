using System.Numerics;
using System.Runtime.Intrinsics;
using Harness.Sim.Geometry;

namespace Harness.Sim;

public sealed partial class World
{
    /// <summary>
    /// Casts agent <paramref name="agent"/>'s 16 rays (ray j along heading + j, see <see cref="Observation"/>)
    /// and writes each ray's distance in arena units to the first wall, border or disc entity, and what it hit.
    /// A ray with nothing within <see cref="Observation.RayRange"/> reports the range and
    /// <see cref="EntityKind.Nothing"/>. Other agents are not sensed. Allocates nothing.
    /// </summary>
    public void CastRays(int agent, Span<float> distances, Span<EntityKind> kinds)
    {
        const int n = Observation.RayCount;
        distances = distances[..n];
        kinds = kinds[..n];
        var px = _ax[agent];
        var py = _ay[agent];
        var h = _heading[agent];

        for (var j = 0; j < n; j++)
        {
            var k = h + j;
            distances[j] = Rays.ToArenaBorder(px, py, Headings.X(k), Headings.Y(k), SimConstants.ArenaSize);
            kinds[j] = EntityKind.Wall;
        }

        foreach (ref readonly var box in _walls.AsSpan())
        {
            // A box wholly beyond range cannot change any ray.
            if (box.Distance(px, py) >= Observation.RayRange)
            {
                continue;
            }

            for (var j = 0; j < n; j++)
            {
                var k = h + j;
                var t = Rays.ToBox(px, py, Headings.X(k), Headings.Y(k), Headings.InvX(k), Headings.InvY(k), box);
                if (t < distances[j])
                {
                    distances[j] = t;
                    kinds[j] = EntityKind.Wall;
                }
            }
        }

        // Candidate rays per disc, 16 at once: a ray can only hit a disc whose centre is ahead of the start
        // (t > −r) and within r of the ray's line (|cross| ≤ r); the margin keeps this a superset of the exact
        // closed-form test in Rays.ToCircle, which alone decides the distance.
        var dirX = Headings.RunX(h);
        var dirY = Headings.RunY(h);
        var dx0 = Vector256.Create(dirX);
        var dx1 = Vector256.Create(dirX[8..]);
        var dy0 = Vector256.Create(dirY);
        var dy1 = Vector256.Create(dirY[8..]);
        for (var c = 0; c < _cx.Length; c++)
        {
            var rx = _cx[c] - px;
            var ry = _cy[c] - py;
            var r = _cr[c];
            var reach = Observation.RayRange + r;
            if (rx * rx + ry * ry >= reach * reach)
            {
                continue;
            }

            var vrx = Vector256.Create(rx);
            var vry = Vector256.Create(ry);
            var minT = Vector256.Create(-r);
            var r2 = Vector256.Create(r * r * 1.001f + 1e-6f);
            var cross0 = vrx * dy0 - vry * dx0;
            var cross1 = vrx * dy1 - vry * dx1;
            var hit0 = Vector256.LessThanOrEqual(cross0 * cross0, r2) & Vector256.GreaterThan(vrx * dx0 + vry * dy0, minT);
            var hit1 = Vector256.LessThanOrEqual(cross1 * cross1, r2) & Vector256.GreaterThan(vrx * dx1 + vry * dy1, minT);
            var mask = hit0.ExtractMostSignificantBits() | (hit1.ExtractMostSignificantBits() << 8);
            while (mask != 0)
            {
                var j = BitOperations.TrailingZeroCount(mask);
                mask &= mask - 1;
                var t = Rays.ToCircle(rx, ry, dirX[j], dirY[j], r);
                if (t < distances[j])
                {
                    distances[j] = t;
                    kinds[j] = _ck[c];
                }
            }
        }

        for (var j = 0; j < n; j++)
        {
            if (distances[j] >= Observation.RayRange)
            {
                distances[j] = Observation.RayRange;
                kinds[j] = EntityKind.Nothing;
            }
        }
    }

    /// <summary>
    /// Writes agent <paramref name="agent"/>'s observation (<see cref="Observation.Size"/> floats, layout in
    /// <see cref="Observation"/>) with sensor noise of σ = <see cref="SimOptions.SensorNoise"/> on each
    /// normalized ray distance (clamped to [0, 1]). Allocates nothing.
    /// </summary>
    public void Observe(int agent, Span<float> destination) =>
        Write(agent, destination, (float)_options.SensorNoise);

    /// <summary>Like <see cref="Observe"/> but without sensor noise: the true readings (the expert's input).</summary>
    public void ObserveTrue(int agent, Span<float> destination) => Write(agent, destination, 0f);

    /// <summary>
    /// Writes every agent's observation into <paramref name="batch"/> (agent i at i·<see cref="Observation.Size"/>,
    /// the row-major [agents × Size] input of a policy network). Allocates nothing.
    /// </summary>
    public void ObserveAll(Span<float> batch)
    {
        const int size = Observation.Size;
        if (batch.Length < _ax.Length * size)
        {
            throw new ArgumentException($"The batch holds {batch.Length} floats; {_ax.Length} agents need {_ax.Length * size}.", nameof(batch));
        }

        for (var i = 0; i < _ax.Length; i++)
        {
            Observe(i, batch.Slice(i * size, size));
        }
    }

    private void Write(int agent, Span<float> destination, float sigma)
    {
        const int n = Observation.RayCount;
        var o = destination[..Observation.Size];
        Span<float> distances = stackalloc float[n];
        Span<EntityKind> kinds = stackalloc EntityKind[n];
        CastRays(agent, distances, kinds);
        o.Clear();
        for (var j = 0; j < n; j++)
        {
            var value = distances[j] * (1f / Observation.RayRange);
            if (sigma > 0f)
            {
                value = Math.Clamp(value + sigma * _noise.NextGaussian(), 0f, 1f);
            }

            o[Observation.Distance(j)] = value;
            o[Observation.Hit(j, kinds[j])] = 1f;
        }

        var h = _heading[agent];
        var cos = Headings.X(h);
        var sin = Headings.Y(h);
        var vx = _avx[agent];
        var vy = _avy[agent];
        const float inv = 1f / SimConstants.AgentSpeed;
        o[Observation.SelfOffset] = Math.Clamp((vx * cos + vy * sin) * inv, -1f, 1f);
        o[Observation.SelfOffset + 1] = Math.Clamp((-vx * sin + vy * cos) * inv, -1f, 1f);
        o[Observation.SelfOffset + 2] = cos;
        o[Observation.SelfOffset + 3] = sin;
    }
}
