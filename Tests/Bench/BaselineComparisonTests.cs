using Harness.Bench.Gate;
using NUnit.Framework;

namespace Harness.Tests.Bench;

/// <summary>The gate's comparison: direction-aware percentages, thresholds, missing and new figures.</summary>
[TestFixture]
public sealed class BaselineComparisonTests
{
    private static GateFigure Latency(string name, double us) => new(name, us, "us", Better.Lower);

    private static GateFigure Throughput(string name, double perSecond) => new(name, perSecond, "samples/s", Better.Higher);

    [Test]
    public void LowerIsBetterRegressesWhenItGrowsBeyondTheThreshold()
    {
        var rows = BaselineComparison.Compare([Latency("a", 100), Latency("b", 100), Latency("c", 100)],
            [Latency("a", 111), Latency("b", 109), Latency("c", 80)], maxRegressionPercent: 10);
        Assert.Multiple(() =>
        {
            Assert.That(rows.Select(r => r.Verdict), Is.EqualTo(new[] { Verdict.Regressed, Verdict.Ok, Verdict.Improved }));
            Assert.That(rows[0].Change, Is.EqualTo(11).Within(1e-9));
            Assert.That(rows[0].Regression, Is.EqualTo(11).Within(1e-9));
            Assert.That(rows[2].Change, Is.EqualTo(-20).Within(1e-9));
            Assert.That(BaselineComparison.HasRegression(rows), Is.True);
        });
    }

    [Test]
    public void HigherIsBetterRegressesWhenItShrinks()
    {
        var rows = BaselineComparison.Compare([Throughput("t", 1000), Throughput("u", 1000)],
            [Throughput("t", 850), Throughput("u", 1500)], maxRegressionPercent: 10);
        Assert.Multiple(() =>
        {
            Assert.That(rows[0].Verdict, Is.EqualTo(Verdict.Regressed), "15% less throughput");
            Assert.That(rows[0].Change, Is.EqualTo(-15).Within(1e-9));
            Assert.That(rows[0].Regression, Is.EqualTo(15).Within(1e-9));
            Assert.That(rows[1].Verdict, Is.EqualTo(Verdict.Improved), "50% more throughput is not a regression");
        });
    }

    [Test]
    public void ExactlyAtTheThresholdPasses()
    {
        var rows = BaselineComparison.Compare([Latency("a", 200)], [Latency("a", 220)], maxRegressionPercent: 10);
        Assert.That(rows.Single().Verdict, Is.EqualTo(Verdict.Ok));
    }

    [Test]
    public void MissingAndNewFiguresAreReportedWithoutFailing()
    {
        var rows = BaselineComparison.Compare([Latency("gone", 5), Latency("kept", 5)], [Latency("kept", 5), Latency("added", 7)], 10);
        Assert.Multiple(() =>
        {
            Assert.That(rows.Select(r => (r.Name, r.Verdict)),
                Is.EqualTo(new[] { ("gone", Verdict.Missing), ("kept", Verdict.Ok), ("added", Verdict.New) }));
            Assert.That(rows[0].Now, Is.Null);
            Assert.That(rows[2].Baseline, Is.Null);
            Assert.That(BaselineComparison.HasRegression(rows), Is.False);
        });
        var table = BaselineComparison.FormatTable(rows, 10);
        Assert.That(table, Does.Contain("| gone (us) | lower | 5 | – | – | missing: not measured now |"));
        Assert.That(table, Does.Contain("new: not in the baseline"));
    }

    [Test]
    public void ZeroBaselinesAndChangedDirectionsAreNotComparedAsPercentages()
    {
        var rows = BaselineComparison.Compare([Latency("zero", 0), Latency("flipped", 10), Latency("unit", 10)],
            [Latency("zero", 5), Throughput("flipped", 10), new GateFigure("unit", 10, "ms", Better.Lower)], 10);
        Assert.That(rows.Select(r => r.Verdict), Is.All.EqualTo(Verdict.NotComparable));
        Assert.That(rows.Select(r => r.Change), Is.All.Null);
    }

    [Test]
    public void TableListsEveryFigureWithItsChangeAndVerdict()
    {
        var rows = BaselineComparison.Compare([Latency("ort.b1", 40), Throughput("train", 2000)],
            [Latency("ort.b1", 50), Throughput("train", 2100)], 10);
        var table = BaselineComparison.FormatTable(rows, 10);
        Assert.Multiple(() =>
        {
            Assert.That(table, Does.StartWith("| figure | better | baseline | now | change % | verdict |"));
            Assert.That(table, Does.Contain("| ort.b1 (us) | lower | 40 | 50 | +25.0 | REGRESSED (25.0% worse > 10%) |"));
            Assert.That(table, Does.Contain("| train (samples/s) | higher | 2000 | 2100 | +5.0 | ok |"));
        });
    }

    [Test]
    public void RejectsANegativeThreshold() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => BaselineComparison.Compare([], [], -1));

    [Test]
    public void InterleavedRatioComparesTheTwoOperations()
    {
        // Second operation does about 4 times the work of the first: the ratio first / second is well below 1.
        var sink = 0.0;
        void Work(int n)
        {
            for (var i = 0; i < n; i++)
            {
                sink += Math.Sqrt(i + sink % 7);
            }
        }

        var timer = new QuickTimer { WarmupOperations = 2, Repetitions = 5, RepetitionTime = TimeSpan.FromMilliseconds(5) };
        var (first, second, ratio) = timer.MedianRatio(() => Work(20_000), () => Work(80_000));
        Assert.That(first, Is.GreaterThan(0));
        Assert.That(second, Is.GreaterThan(first));
        Assert.That(ratio, Is.InRange(0.02, 0.8), $"sink {sink}");
    }

    [Test]
    public void MedianIsTheMiddleValue()
    {
        Assert.That(QuickTimer.Median([5, 1, 9]), Is.EqualTo(5));
        Assert.That(QuickTimer.Median([4, 1, 9, 2]), Is.EqualTo(3));
        Assert.That(QuickTimer.Median([1, 1000, 2, 3, 2]), Is.EqualTo(2), "one slow repetition does not move it");
    }
}
