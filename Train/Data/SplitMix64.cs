namespace Harness.Train.Data;

/// <summary>
/// A tiny, fast, deterministic pseudo-random generator (Steele, Lea &amp; Flood's SplitMix64, the generator Java's
/// <c>SplittableRandom</c> and xoshiro's seeding use). It is a value type passed by <c>ref</c>, so every sample gets
/// its own stream seeded from (run seed, epoch, sample index) and no result depends on which thread ran first.
/// Unlike <see cref="System.Random"/> seeded through <see cref="HashCode"/>, the sequence is the same in every
/// process and on every platform.
/// </summary>
public struct SplitMix64
{
    private const ulong Gamma = 0x9E3779B97F4A7C15UL;

    private ulong _state;
    private double _spareGaussian;
    private bool _hasSpare;

    /// <summary>Starts the sequence at <paramref name="state"/> (the reference algorithm's seed).</summary>
    public SplitMix64(ulong state)
    {
        _state = state;
        _spareGaussian = 0;
        _hasSpare = false;
    }

    /// <summary>The stream of one sample in one epoch of one run.</summary>
    public static SplitMix64 ForSample(long runSeed, int epoch, int sampleIndex) =>
        new(Combine(Combine(Mix((ulong)runSeed), (ulong)(uint)epoch), (ulong)(uint)sampleIndex));

    /// <summary>A named stream derived from <paramref name="seed"/> (for example the validation split's shuffle).</summary>
    public static SplitMix64 ForStream(long seed, ulong stream) => new(Combine(Mix((ulong)seed), stream));

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64() => Mix(_state += Gamma);

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [<paramref name="min"/>, <paramref name="max"/>).</summary>
    public double Uniform(double min, double max) => min + (max - min) * NextDouble();

    /// <summary>Uniform integer in [0, <paramref name="maxExclusive"/>) (Lemire's multiply-high; bias below 2⁻³²).</summary>
    public int NextInt(int maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxExclusive);
        return (int)Math.BigMul(NextUInt64(), (ulong)maxExclusive, out _);
    }

    /// <summary>Uniform integer in [<paramref name="min"/>, <paramref name="maxInclusive"/>].</summary>
    public int NextInt(int min, int maxInclusive) => min + NextInt(maxInclusive - min + 1);

    /// <summary>True with probability <paramref name="p"/> (always false for p ≤ 0, always true for p ≥ 1).</summary>
    public bool Chance(double p) => p > 0 && (p >= 1 || NextDouble() < p);

    /// <summary>Standard normal (Box–Muller, both values used).</summary>
    public double NextGaussian()
    {
        if (_hasSpare)
        {
            _hasSpare = false;
            return _spareGaussian;
        }

        double u1;
        do
        {
            u1 = NextDouble();
        }
        while (u1 <= double.Epsilon);

        var u2 = NextDouble();
        var radius = Math.Sqrt(-2.0 * Math.Log(u1));
        var (sin, cos) = Math.SinCos(2.0 * Math.PI * u2);
        _spareGaussian = radius * sin;
        _hasSpare = true;
        return radius * cos;
    }

    /// <summary>Fisher–Yates shuffle driven by this generator.</summary>
    public void Shuffle<T>(Span<T> items)
    {
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>SplitMix64's output function (a bijective 64-bit finalizer).</summary>
    internal static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong Combine(ulong hash, ulong value) => Mix(hash ^ Mix(value + Gamma));
}
