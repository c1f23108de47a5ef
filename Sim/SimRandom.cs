namespace Harness.Sim;

/// <summary>
/// The world's pseudo-random generator: SplitMix64, chosen because it is tiny, fast, allocation-free and gives
/// the same sequence on every platform and runtime version (unlike <see cref="System.Random"/>, whose algorithm
/// is not a compatibility promise). Every stochastic part of the simulation draws from one of these.
/// </summary>
public sealed class SimRandom
{
    private ulong _state;

    /// <summary>A generator whose sequence is determined by <paramref name="seed"/>.</summary>
    public SimRandom(ulong seed) => _state = seed;

    /// <summary>Restarts the sequence as if newly built with <paramref name="seed"/>.</summary>
    public void Reseed(ulong seed) => _state = seed;

    /// <summary>A seed for an independent stream <paramref name="stream"/> derived from <paramref name="seed"/>.</summary>
    public static ulong Derive(ulong seed, ulong stream)
    {
        var s = seed ^ (stream * 0xD1B54A32D192ED03UL);
        return Mix(Mix(s + 0x9E3779B97F4A7C15UL));
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        _state += 0x9E3779B97F4A7C15UL;
        return Mix(_state);
    }

    /// <summary>Uniform in [0, 1) with 24 bits of resolution.</summary>
    public float NextFloat() => (NextUInt64() >> 40) * (1f / (1 << 24));

    /// <summary>Uniform in [<paramref name="min"/>, <paramref name="max"/>).</summary>
    public float Range(float min, float max) => min + (max - min) * NextFloat();

    /// <summary>Uniform integer in [0, <paramref name="n"/>) (multiply-shift; bias below 2⁻³² for small n).</summary>
    public int NextInt(int n) => (int)(((NextUInt64() >> 32) * (ulong)(uint)n) >> 32);

    /// <summary>A standard normal sample (Box–Muller, one of the pair).</summary>
    public float NextGaussian()
    {
        var u1 = 1f - NextFloat(); // (0, 1]: log is finite
        var u2 = NextFloat();
        return MathF.Sqrt(-2f * MathF.Log(u1)) * MathF.Cos(2f * MathF.PI * u2);
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
