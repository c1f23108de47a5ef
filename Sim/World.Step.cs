namespace Harness.Sim;

public sealed partial class World
{
    /// <summary>
    /// Advances the world one fixed tick: drones move, every agent applies its action (see
    /// <see cref="AgentAction"/>) and moves with wall sliding, then contacts are resolved in agent order
    /// (an agent touching a pickup scores it first). Rewards of this tick land in <see cref="Rewards"/> and are
    /// added to <see cref="Scores"/>. Allocates nothing.
    /// </summary>
    /// <param name="actions">One action per agent, values 0…<see cref="AgentActions.Count"/>−1.</param>
    public void Step(ReadOnlySpan<int> actions)
    {
        if (actions.Length != _ax.Length)
        {
            throw new ArgumentException($"Expected {_ax.Length} actions, got {actions.Length}.", nameof(actions));
        }

        if (IsDone)
        {
            throw new InvalidOperationException($"The episode is over after {EpisodeTicks} ticks; call Reset.");
        }

        MoveDrones();
        for (var i = 0; i < _ax.Length; i++)
        {
            var action = actions[i];
            if ((uint)action >= AgentActions.Count)
            {
                throw new ArgumentOutOfRangeException(nameof(actions), action, $"Action of agent {i} must be 0…{AgentActions.Count - 1}.");
            }

            MoveAgent(i, (AgentAction)action);
        }

        for (var i = 0; i < _ax.Length; i++)
        {
            ResolveContacts(i);
        }

        RebuildCircles();
        Tick++;
    }

    private void MoveAgent(int i, AgentAction action)
    {
        var h = _heading[i];
        float target = 0f;
        switch (action)
        {
            case AgentAction.Forward:
                target = SimConstants.AgentSpeed;
                break;
            case AgentAction.Back:
                target = -0.5f * SimConstants.AgentSpeed;
                break;
            case AgentAction.TurnLeft:
                h = (h + 1) & (SimConstants.Headings - 1);
                break;
            case AgentAction.TurnRight:
                h = (h - 1) & (SimConstants.Headings - 1);
                break;
        }

        _heading[i] = h;
        var vx = _avx[i] + (target * Headings.X(h) - _avx[i]) * SimConstants.AgentResponse;
        var vy = _avy[i] + (target * Headings.Y(h) - _avy[i]) * SimConstants.AgentResponse;
        var x = _ax[i] + vx * SimConstants.Dt;
        var y = _ay[i] + vy * SimConstants.Dt;
        Collide(ref x, ref y, ref vx, ref vy, SimConstants.AgentRadius);
        (_ax[i], _ay[i], _avx[i], _avy[i]) = (x, y, vx, vy);
    }

    /// <summary>
    /// Pushes a disc out of the arena border and every wall it overlaps, cancelling the velocity component
    /// into the surface (sliding).
    /// </summary>
    private void Collide(ref float x, ref float y, ref float vx, ref float vy, float r)
    {
        const float s = SimConstants.ArenaSize;
        if (x < r) { x = r; vx = MathF.Max(vx, 0f); }
        if (x > s - r) { x = s - r; vx = MathF.Min(vx, 0f); }
        if (y < r) { y = r; vy = MathF.Max(vy, 0f); }
        if (y > s - r) { y = s - r; vy = MathF.Min(vy, 0f); }

        foreach (ref readonly var box in _walls.AsSpan())
        {
            var qx = Math.Clamp(x, box.MinX, box.MaxX);
            var qy = Math.Clamp(y, box.MinY, box.MaxY);
            var dx = x - qx;
            var dy = y - qy;
            var d2 = dx * dx + dy * dy;
            if (d2 >= r * r)
            {
                continue;
            }

            float nx, ny, depth;
            if (d2 > 0f)
            {
                var d = MathF.Sqrt(d2);
                (nx, ny, depth) = (dx / d, dy / d, r - d);
            }
            else
            {
                // Centre inside the box: leave by the nearest face.
                var left = x - box.MinX;
                var right = box.MaxX - x;
                var down = y - box.MinY;
                var up = box.MaxY - y;
                var m = MathF.Min(MathF.Min(left, right), MathF.Min(down, up));
                (nx, ny) = m == left ? (-1f, 0f) : m == right ? (1f, 0f) : m == down ? (0f, -1f) : (0f, 1f);
                depth = m + r;
            }

            x += nx * depth;
            y += ny * depth;
            var into = vx * nx + vy * ny;
            if (into < 0f)
            {
                vx -= into * nx;
                vy -= into * ny;
            }
        }
    }

    /// <summary>
    /// Drones fly straight at <see cref="SimConstants.DroneSpeed"/>. Even-numbered drones patrol (they only
    /// turn when they would hit a wall); odd-numbered drones also wander (a small random turn each tick). A
    /// drone that would hit a wall or the border stays put this tick and turns around (±0.5 rad at random).
    /// </summary>
    private void MoveDrones()
    {
        const float step = SimConstants.DroneSpeed * SimConstants.Dt;
        const float r = SimConstants.DroneRadius;
        const float s = SimConstants.ArenaSize;
        for (var i = 0; i < _dx.Length; i++)
        {
            if ((i & 1) == 1)
            {
                _da[i] += _rng.Range(-0.25f, 0.25f);
            }

            var x = _dx[i] + step * MathF.Cos(_da[i]);
            var y = _dy[i] + step * MathF.Sin(_da[i]);
            var blocked = x < r || x > s - r || y < r || y > s - r;
            foreach (ref readonly var box in _walls.AsSpan())
            {
                blocked |= box.Overlaps(x, y, r);
            }

            if (blocked)
            {
                _da[i] += MathF.PI + _rng.Range(-0.5f, 0.5f);
            }
            else
            {
                (_dx[i], _dy[i]) = (x, y);
            }

            // Keep the angle bounded so its float precision never degrades over long episodes.
            if (_da[i] > 2f * MathF.PI)
            {
                _da[i] -= 2f * MathF.PI;
            }
            else if (_da[i] < 0f)
            {
                _da[i] += 2f * MathF.PI;
            }
        }
    }

    private void ResolveContacts(int i)
    {
        var x = _ax[i];
        var y = _ay[i];
        var reward = 0f;
        for (var k = 0; k < _px.Length; k++)
        {
            if (Touches(x, y, _px[k], _py[k], SimConstants.PickupRadius))
            {
                reward += SimConstants.PickupReward;
                _collected[i]++;
                (_px[k], _py[k]) = FreeSpot(SimConstants.PickupRadius, 0.5f);
            }
        }

        if (TouchesAny(x, y, _hx, _hy, SimConstants.HazardRadius) ||
            TouchesAny(x, y, _dx, _dy, SimConstants.DroneRadius) ||
            TouchesAny(x, y, _mx, _my, SimConstants.MineRadius))
        {
            reward += SimConstants.HitPenalty;
            _hits[i]++;
            (_ax[i], _ay[i]) = FreeSpot(SimConstants.AgentRadius, 1.0f);
            _avx[i] = _avy[i] = 0f;
            _heading[i] = _rng.NextInt(SimConstants.Headings);
        }

        _reward[i] = reward;
        _score[i] += reward;
    }

    private static bool Touches(float x, float y, float ex, float ey, float er)
    {
        var dx = ex - x;
        var dy = ey - y;
        var reach = SimConstants.AgentRadius + er;
        return dx * dx + dy * dy < reach * reach;
    }

    private static bool TouchesAny(float x, float y, float[] ex, float[] ey, float er)
    {
        for (var k = 0; k < ex.Length; k++)
        {
            if (Touches(x, y, ex[k], ey[k], er))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A free spot for a respawn, drawn like <see cref="ScenarioGenerator.FreeSpot"/> (clear of walls; clear of
    /// hazards, mines and drones by <paramref name="clearance"/> unless 64 draws failed) without allocating.
    /// </summary>
    private (float X, float Y) FreeSpot(float radius, float clearance)
    {
        for (var attempt = 0; ; attempt++)
        {
            var x = _rng.Range(radius, SimConstants.ArenaSize - radius);
            var y = _rng.Range(radius, SimConstants.ArenaSize - radius);
            var blocked = false;
            foreach (ref readonly var box in _walls.AsSpan())
            {
                blocked |= box.Overlaps(x, y, radius);
            }

            if (blocked)
            {
                if (attempt > ScenarioGenerator.MaxAttempts)
                {
                    throw new InvalidOperationException("No free spot left: the walls cover the arena.");
                }

                continue;
            }

            if (attempt >= ScenarioGenerator.SpotAttempts ||
                (Clear(_hx, _hy, x, y, radius + SimConstants.HazardRadius + clearance) &&
                 Clear(_mx, _my, x, y, radius + SimConstants.MineRadius + clearance) &&
                 Clear(_dx, _dy, x, y, radius + SimConstants.DroneRadius + clearance)))
            {
                return (x, y);
            }
        }
    }

    private static bool Clear(float[] ex, float[] ey, float x, float y, float distance)
    {
        for (var k = 0; k < ex.Length; k++)
        {
            var dx = ex[k] - x;
            var dy = ey[k] - y;
            if (dx * dx + dy * dy < distance * distance)
            {
                return false;
            }
        }

        return true;
    }
}
