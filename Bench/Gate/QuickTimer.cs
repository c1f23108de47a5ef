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
    public double MedianSeconds(Action operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentOutOfRangeException.ThrowIfLessThan(Repetitions, 1);
        for (var i = 0; i < WarmupOperations; i++)
        {
            operation();
        }

        // Calibrate: double the count until one batch of operations takes an eighth of a repetition.
        var perRepetition = 1L;
        var clock = Stopwatch.StartNew();
        while (RepetitionTime > TimeSpan.Zero)
        {
            clock.Restart();
            for (var i = 0L; i < perRepetition; i++)
            {
                operation();
            }

            var elapsed = clock.Elapsed;
            if (elapsed.Ticks * 8 >= RepetitionTime.Ticks || perRepetition >= 1 << 24)
            {
                perRepetition = Math.Max(1, (long)Math.Ceiling((double)perRepetition * RepetitionTime.Ticks / Math.Max(elapsed.Ticks, 1)));
                break;
            }

            perRepetition *= 2;
        }

        var samples = new double[Repetitions];
        for (var r = 0; r < Repetitions; r++)
        {
            clock.Restart();
            for (var i = 0L; i < perRepetition; i++)
            {
                operation();
            }

            samples[r] = clock.Elapsed.TotalSeconds / perRepetition;
        }

        return Median(samples);
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
