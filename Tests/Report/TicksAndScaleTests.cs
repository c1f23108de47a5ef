using Harness.Pipeline.Report.Charts;
using NUnit.Framework;

namespace Harness.Tests.Report;

public class TicksAndScaleTests
{
    [Test]
    public void UnitIntervalGetsSteps_OfOneFifth()
    {
        Assert.That(Ticks.Nice(0, 1, 5), Is.EqualTo(new[] { 0, 0.2, 0.4, 0.6, 0.8, 1.0 }));
    }

    [Test]
    public void TicksExtendToTheNiceMultiplesAroundTheData()
    {
        Assert.That(Ticks.Nice(0.37, 9.2, 5), Is.EqualTo(new double[] { 0, 2, 4, 6, 8, 10 }));
        Assert.That(Ticks.Nice(-3.2, 7.9, 6), Is.EqualTo(new double[] { -4, -2, 0, 2, 4, 6, 8 }));
    }

    [Test]
    public void SmallLearningRatesGetExactTicksWithoutFloatingPointNoise()
    {
        // A cosine schedule from 1.88e-3 down to 1.9e-5: range 1.86e-3 / 4 = 4.65e-4 → step 5e-4.
        Assert.That(Ticks.Nice(1.9e-5, 1.88e-3, 4), Is.EqualTo(new[] { 0, 5e-4, 1e-3, 1.5e-3, 2e-3 }));
        Assert.That(Ticks.Nice(0.1, 0.7, 6), Is.EqualTo(new[] { 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7 }), "0.30000000000000004 must come out as 0.3");
    }

    [Test]
    public void NiceStepsAreOneTwoTwoAndAHalfOrFiveTimesAPowerOfTen()
    {
        Assert.That(Ticks.NiceStep(10, 5), Is.EqualTo(2));
        Assert.That(Ticks.NiceStep(12, 5), Is.EqualTo(2.5));
        Assert.That(Ticks.NiceStep(0.9, 5), Is.EqualTo(0.2).Within(1e-15));
        Assert.That(Ticks.NiceStep(4000, 4), Is.EqualTo(1000));
        Assert.That(Ticks.NiceStep(35, 5), Is.EqualTo(10));
    }

    [Test]
    public void IntegerAxesNeverStepBelowOne()
    {
        Assert.That(Ticks.Nice(1, 2, 6, integer: true), Is.EqualTo(new double[] { 1, 2 }));
        Assert.That(Ticks.Nice(1, 40, 5, integer: true), Is.EqualTo(new double[] { 0, 10, 20, 30, 40 }));
        Assert.That(Ticks.Nice(3, 3, 5, integer: true), Is.EqualTo(new double[] { 2, 3, 4 }), "a single epoch is widened by one each side");
    }

    [Test]
    public void AZeroWidthDomainIsWidenedAroundTheValue()
    {
        var ticks = Ticks.Nice(5, 5, 5);
        Assert.That(ticks[0], Is.LessThan(5));
        Assert.That(ticks[^1], Is.GreaterThan(5));
        Assert.That(ticks, Does.Contain(5.0));
        Assert.That(Ticks.Nice(0, 0, 5), Is.EqualTo(new double[] { -1, -0.5, 0, 0.5, 1 }));
    }

    [Test]
    public void NonFiniteDataFallsBackToTheUnitInterval()
    {
        Assert.That(Ticks.Nice(double.NaN, double.PositiveInfinity, 5), Is.EqualTo(new[] { 0, 0.2, 0.4, 0.6, 0.8, 1.0 }));
    }

    [TestCase(0.25, 0.05, true, "25%")]
    [TestCase(0.2, 0.2, true, "20%")]
    [TestCase(0.125, 0.025, true, "12.5%")]
    [TestCase(0.3, 0.1, false, "0.3")]
    [TestCase(1.0, 0.2, false, "1.0")]
    [TestCase(0.0, 0.2, false, "0")]
    [TestCase(1500.0, 500.0, false, "1500")]
    [TestCase(20000.0, 5000.0, false, "20k")]
    [TestCase(2500000.0, 500000.0, false, "2.5M")]
    [TestCase(5e-4, 5e-4, false, "5e-4")]
    [TestCase(1.5e-3, 5e-4, false, "1.5e-3")]
    [TestCase(-2.0, 1.0, false, "-2")]
    public void TickLabels(double value, double step, bool percent, string expected)
    {
        Assert.That(Ticks.Format(value, step, percent), Is.EqualTo(expected));
    }

    [Test]
    public void LinearScaleMapsDomainOntoRangeIncludingReversedYAxes()
    {
        var x = new LinearScale(0, 10, 0, 100);
        Assert.That(x.Map(2.5), Is.EqualTo(25));
        Assert.That(x.Map(-1), Is.EqualTo(-10), "outside the domain maps outside the range");
        Assert.That(x.MapClamped(-1), Is.EqualTo(0));
        var y = new LinearScale(0, 1, 200, 20);
        Assert.That(y.Map(0), Is.EqualTo(200));
        Assert.That(y.Map(1), Is.EqualTo(20));
        Assert.That(y.Map(0.5), Is.EqualTo(110));
        Assert.That(y.MapClamped(2), Is.EqualTo(20));
    }

    [Test]
    public void FixedAxisBoundsWinOverTheData()
    {
        var (ticks, min, max) = ChartFrame.Resolve(new AxisSpec("accuracy", Min: 0, Max: 1, Percent: true), (0.31, 0.72));
        Assert.That((min, max), Is.EqualTo((0.0, 1.0)));
        Assert.That(ticks, Is.EqualTo(new[] { 0, 0.2, 0.4, 0.6, 0.8, 1.0 }));
        var (zeroTicks, zeroMin, _) = ChartFrame.Resolve(new AxisSpec("throughput", IncludeZero: true), (470, 490));
        Assert.That(zeroMin, Is.EqualTo(0));
        Assert.That(zeroTicks[0], Is.EqualTo(0));
        var (categoryTicks, cMin, cMax) = ChartFrame.Resolve(new AxisSpec("", Categories: ["a", "b", "c"]), (0, 0));
        Assert.That(categoryTicks, Is.EqualTo(new[] { 0.5, 1.5, 2.5 }));
        Assert.That((cMin, cMax), Is.EqualTo((0.0, 3.0)));
    }
}
