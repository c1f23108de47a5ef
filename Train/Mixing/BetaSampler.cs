namespace Harness.Train.Mixing;

/// <summary>
/// Beta(a, b) samples from a seeded <see cref="Random"/>: X/(X + Y) with X ~ Gamma(a), Y ~ Gamma(b). Gamma uses
/// Marsaglia &amp; Tsang (2000) for shape ≥ 1 and the boost Gamma(k) = Gamma(k + 1)·U^(1/k) for shape &lt; 1;
/// normals come from the Box–Muller transform.
/// </summary>
public sealed class BetaSampler
{
    private readonly Random _random;
    private double? _spareNormal;

    public BetaSampler(Random random) => _random = random ?? throw new ArgumentNullException(nameof(random));

    /// <summary>One Beta(a, b) sample in [0, 1].</summary>
    public double Beta(double a, double b)
    {
        CheckShape(a, nameof(a));
        CheckShape(b, nameof(b));
        var x = Gamma(a);
        var y = Gamma(b);
        var sum = x + y;
        // Both gammas can underflow to 0 for tiny shapes; the limit then puts all mass on one end, chosen fairly.
        return sum > 0 ? x / sum : (_random.NextDouble() < a / (a + b) ? 1.0 : 0.0);
    }

    /// <summary>One Gamma(shape, 1) sample.</summary>
    public double Gamma(double shape)
    {
        CheckShape(shape, nameof(shape));
        if (shape < 1)
        {
            var u = 1.0 - _random.NextDouble(); // (0, 1]
            return Gamma(shape + 1) * Math.Pow(u, 1.0 / shape);
        }

        var d = shape - 1.0 / 3.0;
        var c = 1.0 / Math.Sqrt(9.0 * d);
        while (true)
        {
            double x, v;
            do
            {
                x = Normal();
                v = 1.0 + c * x;
            }
            while (v <= 0);

            v = v * v * v;
            var u = 1.0 - _random.NextDouble();
            if (u < 1.0 - 0.0331 * x * x * x * x || Math.Log(u) < 0.5 * x * x + d * (1.0 - v + Math.Log(v)))
            {
                return d * v;
            }
        }
    }

    /// <summary>One standard normal sample (Box–Muller, the second value of each pair kept for the next call).</summary>
    public double Normal()
    {
        if (_spareNormal is { } spare)
        {
            _spareNormal = null;
            return spare;
        }

        var u1 = 1.0 - _random.NextDouble();
        var u2 = _random.NextDouble();
        var radius = Math.Sqrt(-2.0 * Math.Log(u1));
        _spareNormal = radius * Math.Sin(2 * Math.PI * u2);
        return radius * Math.Cos(2 * Math.PI * u2);
    }

    private static void CheckShape(double value, string name)
    {
        if (!(value > 0) || double.IsInfinity(value))
        {
            throw new ArgumentOutOfRangeException(name, $"Distribution shape {name} = {value}: must be a positive number.");
        }
    }
}
