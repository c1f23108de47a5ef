using Harness.Train.Ablation;
using NUnit.Framework;

namespace Harness.Tests.Train;

[TestFixture]
public sealed class AblationVerdictTests
{
    private static AblationRow Row(string variant, double train, double test) =>
        new(variant, variant, train, test, train - test, 0.5, 0.05, 10, 1.0);

    [Test]
    public void TheFullStackMeetsTheBarWithAtMostHalfTheGapAndTheBestTestAccuracy()
    {
        var verdict = AblationVerdict.From([Row("none", 1.0, 0.85), Row("batchnorm", 1.0, 0.86), Row("full-stack", 0.95, 0.88)])!;
        Assert.That(verdict.GapRatio, Is.EqualTo(0.07 / 0.15).Within(1e-12));
        Assert.That(verdict.FullStackBest, Is.True);
        Assert.That(verdict.BestVariant, Is.EqualTo("full-stack"));
        Assert.That(verdict.Met, Is.True);
        Assert.That(verdict.ToMarkdown(), Does.Contain("gap ratio 0.467").And.EndWith("met."));
    }

    [Test]
    public void EitherHalfMissedIsNotMet()
    {
        var wideGap = AblationVerdict.From([Row("none", 1.0, 0.85), Row("full-stack", 0.96, 0.88)])!;
        Assert.That(wideGap.GapRatio, Is.EqualTo(0.08 / 0.15).Within(1e-12));
        Assert.That(wideGap.Met, Is.False);

        var beaten = AblationVerdict.From([Row("none", 1.0, 0.85), Row("batchnorm", 1.0, 0.89), Row("full-stack", 0.92, 0.88)])!;
        Assert.That(beaten.FullStackBest, Is.False);
        Assert.That(beaten.BestVariant, Is.EqualTo("batchnorm"));
        Assert.That(beaten.Met, Is.False);
        Assert.That(beaten.ToMarkdown(), Does.Contain("not the full stack").And.EndWith("not met."));
    }

    [Test]
    public void NoVerdictWithoutBothEnds() =>
        Assert.That(AblationVerdict.From([Row("none", 1.0, 0.85), Row("dropout", 0.98, 0.85)]), Is.Null);
}
