using System.Diagnostics;

namespace Harness.Bench.Gate;

/// <summary>
/// The gate's in-process timer: warm up, calibrate how many operations fill one repetition, time several
/// repetitions with <see cref="Stopwatch"/> and return the median time per operation — robust to the odd slow
/// repetition on a shared machine, and seconds instead of BenchmarkDotNet's minutes.
/// </summary>
public sealed record QuickTimer
{
    /// <summary>Operations run before timing (JIT, ORT's first-run allocations, caches).</summary>
    public int WarmupOperations { get; init; } = 5;

    /// <summary>Timed repetitions; the median is reported.</summary>
    public int Repetitions { get; init; } = 9;

    /// <summary>Wall time one repetition should take (the operation count is calibrated to it).</summary>
    public TimeSpan RepetitionTime { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>A timer for tests: one warm-up, three repetitions of one operation each.</summary>
    public static QuickTimer Dry { get; } = new() { WarmupOperations = 1, Repetitions = 3, RepetitionTime = TimeSpan.Zero };

    /// <summary>Median seconds per call of <paramref name="operation"/>.</summary>
    public double MedianSeconds(Action operation) => Interleaved([operation]).Seconds[0];

    /// <summary>
    /// Times two operations in alternating repetitions (first, second, first, …), so both see the same machine load,
    /// and returns each one's median seconds per call and the median of the per-repetition ratios first / second —
    /// a speed-up that a busy neighbour moves far less than either time.
    /// </summary>
    public (double First, double Second, double Ratio) MedianRatio(Action first, Action second)
    {
        var (seconds, ratios) = Interleaved([first, second]);
        return (seconds[0], seconds[1], ratios);
    }

    private (double[] Seconds, double Ratio) Interleaved(Action[] operations)
    {
        foreach (var operation in operations)
        {
            ArgumentNullException.ThrowIfNull(operation);
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(Repetitions, 1);
        var counts = operations.Select(Calibrate).ToArray();
        var samples = new double[operations.Length][];
        var ratios = new double[Repetitions];
        var clock = new Stopwatch();
        for (var k = 0; k < operations.Length; k++)
        {
            samples[k] = new double[Repetitions];
        }

        for (var r = 0; r < Repetitions; r++)
        {
            for (var k = 0; k < operations.Length; k++)
            {
                var operation = operations[k];
                clock.Restart();
                for (var i = 0L; i < counts[k]; i++)
                {
                    operation();
                }

                samples[k][r] = clock.Elapsed.TotalSeconds / counts[k];
            }

            ratios[r] = operations.Length > 1 ? samples[0][r] / samples[1][r] : 1;
        }

        return (samples.Select(Median).ToArray(), Median(ratios));
    }

    /// <summary>Warms <paramref name="operation"/> up and returns how many calls fill one repetition.</summary>
    private long Calibrate(Action operation)
    {
        for (var i = 0; i < WarmupOperations; i++)
        {
            operation();
        }

        // Double the count until one batch takes an eighth of a repetition, then scale it to a whole one.
        var count = 1L;
        var clock = new Stopwatch();
        while (RepetitionTime > TimeSpan.Zero)
        {
            clock.Restart();
            for (var i = 0L; i < count; i++)
            {
                operation();
            }

            var elapsed = clock.Elapsed;
            if (elapsed.Ticks * 8 >= RepetitionTime.Ticks || count >= 1 << 24)
            {
                return Math.Max(1, (long)Math.Ceiling((double)count * RepetitionTime.Ticks / Math.Max(elapsed.Ticks, 1)));
            }

            count *= 2;
        }

        return count;
    }

    /// <summary>The median (mean of the middle two for an even count).</summary>
    public static double Median(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            throw new ArgumentException("No values.", nameof(values));
        }

        var sorted = values.Order().ToArray();
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
