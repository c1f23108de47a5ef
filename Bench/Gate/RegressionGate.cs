using System.Globalization;
using Harness.Core;

namespace Harness.Bench.Gate;

/// <summary>
/// <c>bench --save-baseline FILE</c> measures <see cref="QuickFigures"/> and writes them with their metadata;
/// <c>bench --baseline FILE --max-regression PCT</c> measures them and compares with FILE: prints the table and
/// exits 1 when a figure is worse than its baseline by more than PCT percent (in its own direction), 0 otherwise,
/// 2 for unusable arguments or files. Both may be given (compare, then save the new figures).
/// <c>--repetitions N</c> and <c>--repetition-ms MS</c> tune the timer.
/// </summary>
public static class RegressionGate
{
    /// <summary>Default allowed regression, percent.</summary>
    public const double DefaultMaxRegressionPercent = 10;

    /// <summary>Whether the arguments ask for the gate (rather than BenchmarkDotNet).</summary>
    public static bool Handles(IReadOnlyList<string> args) =>
        args.Any(a => a is "--baseline" or "--save-baseline");

    /// <summary>The gate's options, parsed.</summary>
    public sealed record Options(string? Baseline, string? SaveBaseline, double MaxRegressionPercent, QuickTimer Timer);

    /// <summary>Parses the gate's arguments.</summary>
    /// <exception cref="UsageException">An unknown argument, a missing or bad value; every problem at once.</exception>
    public static Options Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        string? baseline = null, save = null;
        var max = DefaultMaxRegressionPercent;
        var timer = new QuickTimer();
        var errors = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            string? Value()
            {
                if (i + 1 < args.Count)
                {
                    return args[++i];
                }

                errors.Add($"{name} needs a value");
                return null;
            }

            switch (name)
            {
                case "--baseline":
                    baseline = Value();
                    break;
                case "--save-baseline":
                    save = Value();
                    break;
                case "--max-regression":
                    if (Value() is { } pct)
                    {
                        if (double.TryParse(pct.TrimEnd('%'), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) && v >= 0)
                        {
                            max = v;
                        }
                        else
                        {
                            errors.Add($"--max-regression = {pct}: must be a percentage >= 0");
                        }
                    }

                    break;
                case "--repetitions":
                    if (Value() is { } reps)
                    {
                        if (int.TryParse(reps, NumberStyles.Integer, CultureInfo.InvariantCulture, out var r) && r >= 1)
                        {
                            timer = timer with { Repetitions = r };
                        }
                        else
                        {
                            errors.Add($"--repetitions = {reps}: must be an integer >= 1");
                        }
                    }

                    break;
                case "--repetition-ms":
                    if (Value() is { } ms)
                    {
                        if (double.TryParse(ms, NumberStyles.Float, CultureInfo.InvariantCulture, out var m) && m >= 0 && m <= 60_000)
                        {
                            timer = timer with { RepetitionTime = TimeSpan.FromMilliseconds(m) };
                        }
                        else
                        {
                            errors.Add($"--repetition-ms = {ms}: must be in [0, 60000]");
                        }
                    }

                    break;
                default:
                    errors.Add($"unknown argument '{name}' (the gate takes --baseline, --save-baseline, --max-regression, --repetitions, --repetition-ms)");
                    break;
            }
        }

        if (baseline is null && save is null)
        {
            errors.Add("give --baseline FILE (compare) and/or --save-baseline FILE (write)");
        }

        return errors.Count == 0
            ? new Options(baseline, save, max, timer)
            : throw new UsageException("bench gate: " + string.Join("; ", errors));
    }

    /// <summary>Runs the gate; returns the exit code.</summary>
    public static int Run(IReadOnlyList<string> args, TextWriter? output = null)
    {
        var options = Parse(args);
        var writer = output ?? Console.Out;
        // Read the baseline first: a bad file fails before half a minute of measuring.
        var baseline = options.Baseline is null ? null : BaselineFile.Load(options.Baseline);
        var load = QuickFigures.LoadAverage();
        writer.WriteLine($"Measuring the gate's figures ({options.Timer.Repetitions} repetitions of " +
                         $"{options.Timer.RepetitionTime.TotalMilliseconds:0} ms each, median; load average {Load(load)}, {Environment.ProcessorCount} cores)");
        var figures = QuickFigures.Measure(options.Timer, writer.WriteLine);
        var current = new GateBaseline(GateBaseline.CurrentSchema, QuickFigures.Describe(options.Timer, load), figures);
        writer.WriteLine($"load average after: {Load(current.Metadata.LoadAverageAfter)}");
        var exit = ExitCodes.Success;
        if (baseline is not null)
        {
            var rows = BaselineComparison.Compare(baseline.Figures, figures, options.MaxRegressionPercent);
            writer.WriteLine();
            writer.WriteLine($"Against {Path.GetFullPath(options.Baseline!)} (measured {baseline.Metadata.MeasuredAt:u} on " +
                             $"{baseline.Metadata.Machine}, {baseline.Metadata.Cores} cores, load {Load(baseline.Metadata.LoadAverage)}, " +
                             $"commit {baseline.Metadata.GitCommit ?? "unknown"}), max regression {options.MaxRegressionPercent.ToString(CultureInfo.InvariantCulture)}%:");
            if (baseline.Metadata.Machine != current.Metadata.Machine || baseline.Metadata.Cores != current.Metadata.Cores)
            {
                writer.WriteLine("note: the baseline comes from another machine or core count; differences may not be regressions.");
            }

            writer.Write(BaselineComparison.FormatTable(rows, options.MaxRegressionPercent));
            var regressed = rows.Count(r => r.Verdict == Verdict.Regressed);
            writer.WriteLine(regressed == 0 ? "gate: pass" : $"gate: FAIL ({regressed} figure(s) regressed)");
            exit = regressed == 0 ? ExitCodes.Success : ExitCodes.CheckFailed;
        }

        if (options.SaveBaseline is not null)
        {
            BaselineFile.Save(options.SaveBaseline, current);
            writer.WriteLine($"baseline written: {Path.GetFullPath(options.SaveBaseline)}");
        }

        return exit;
    }

    private static string Load(double[]? load) =>
        load is null ? "unknown" : string.Join(" ", load.Select(l => l.ToString("0.00", CultureInfo.InvariantCulture)));
}
