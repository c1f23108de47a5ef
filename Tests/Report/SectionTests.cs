using System.Text.RegularExpressions;
using Harness.Pipeline.Report;
using Harness.Pipeline.Report.Sections;
using NUnit.Framework;

namespace Harness.Tests.Report;

public class SectionTests
{
    private static int Charts(string html) => Regex.Count(html, "<svg ");

    [Test]
    public void TrainingCurvesDrawEveryMetricAndMarkTheBestEpoch()
    {
        var output = new TrainingSection().Render(ReportFixtures.Context());
        Assert.That(output.Status, Is.EqualTo(SectionStatus.Complete));
        Assert.That(Charts(output.Html), Is.EqualTo(5), "loss, accuracy, learning rate, gradient norm, throughput");
        foreach (var title in new[] { "Loss", "Accuracy", "Learning rate", "Gradient norm", "Throughput" })
        {
            Assert.That(output.Html, Does.Contain($">{title}</title>"));
        }

        Assert.That(output.Html, Does.Contain("6 epochs"));
        Assert.That(output.Html, Does.Contain("best val loss (epoch 4)"), "fixture: lowest val_loss 0.752 at epoch 4");
        Assert.That(output.Html, Does.Contain("cross-entropy loss (nats)"));
        Assert.That(output.Html, Does.Contain("training throughput (samples/s)"));
    }

    [Test]
    public void TrainingSkipsBadLinesAndSaysSo()
    {
        using var scratch = ReportFixtures.NewScratch();
        File.WriteAllText(scratch.File("metrics.jsonl"), "{\"epoch\":1,\"train_loss\":1.5,\"val_loss\":1.6}\n{oops\n{\"epoch\":2,\"train_loss\":1.1,\"val_loss\":\"NaN\"}\n");
        var output = new TrainingSection().Render(new ReportContext(scratch.Path, scratch.File("bench")));
        Assert.That(output.Status, Is.EqualTo(SectionStatus.Partial));
        Assert.That(output.Html, Does.Contain("1 line(s) skipped — line 2"));
        Assert.That(output.Html, Does.Contain("Accuracy: not recorded in metrics.jsonl"));
        Assert.That(Charts(output.Html), Is.EqualTo(1), "only the loss was recorded");
    }

    [Test]
    public void SummaryShowsTheKeyFiguresAndTheRecipe()
    {
        var output = new SummarySection().Render(ReportFixtures.Context());
        Assert.That(output.Status, Is.EqualTo(SectionStatus.Complete));
        Assert.That(output.Html, Does.Contain("75.12%"), "test accuracy 0.7512");
        Assert.That(output.Html, Does.Contain("0.7634"), "test NLL");
        Assert.That(output.Html, Does.Contain("288,170 parameters"));
        Assert.That(output.Html, Does.Contain("24.6 s"));
        Assert.That(output.Html, Does.Contain("Optimizer"));
        Assert.That(output.Html, Does.Contain("Channels = [32, 64, 128]"), "indexed configuration keys are shown as a list");
    }

    [Test]
    public void AblationRendersThePresentRegimeAndNamesTheMissingOne()
    {
        var output = new AblationSection().Render(ReportFixtures.Context());
        Assert.That(output.Status, Is.EqualTo(SectionStatus.Partial));
        Assert.That(output.Html, Does.Contain("dropout p=0.2 &amp; weight decay &lt;0.05&gt;"), "descriptions are escaped");
        Assert.That(output.Html, Does.Not.Contain("<0.05>"));
        Assert.That(output.Html, Does.Contain("<strong class=\"best\">82.6%</strong>"), "best test accuracy in bold");
        Assert.That(output.Html, Does.Contain("Missing input:</strong> the full ablation"));
        Assert.That(output.Html, Does.Contain(Path.Combine("ablation-full", "ablation.json")));
        Assert.That(output.Html, Does.Contain("--Ablation:Regime=full --Run:Name=run"));
        Assert.That(Charts(output.Html), Is.EqualTo(1));
    }

    [Test]
    public void GateShowsTheVerdictAndEveryCheck()
    {
        var output = new GateSection().Render(ReportFixtures.Context());
        Assert.That(output.Status, Is.EqualTo(SectionStatus.Complete));
        Assert.That(output.Html, Does.Contain("<div class=\"verdict pass\">PASS"));
        Assert.That(output.Html, Does.Contain("8 passed · 0 failed · 0 skipped"));
        foreach (var check in new[] { "determinism", "batch-independence", "graph-lint", "probe-parity", "mc-sampling", "mc-mean", "mc-graph-lint", "mc-running-statistics" })
        {
            Assert.That(output.Html, Does.Contain($"<code>{check}</code>"));
        }
    }

    [Test]
    public void GateFindsACheckJsonUnderAnotherNameAndShowsFailures()
    {
        using var scratch = ReportFixtures.NewScratch();
        File.WriteAllText(scratch.File("gate-ci.json"), """
            { "model": "m.onnx", "passed": false, "checks": [
              { "name": "graph-lint", "status": "fail", "message": "Dropout <training_mode=1>", "evidence": { "nodes": 3, "worst": "Infinity" } },
              { "name": "mc-sampling", "status": "skip", "message": "no MC model", "evidence": {} } ] }
            """);
        var output = new GateSection().Render(new ReportContext(scratch.Path, scratch.File("bench")));
        Assert.That(output.Html, Does.Contain("<div class=\"verdict fail\">FAIL"));
        Assert.That(output.Html, Does.Contain("0 passed · 1 failed · 1 skipped"));
        Assert.That(output.Html, Does.Contain("Dropout &lt;training_mode=1&gt;"));
        Assert.That(output.Html, Does.Contain("worst = Infinity"));
    }

    [Test]
    public void UncertaintyDrawsReliabilityHistogramsAndTheOodTable()
    {
        var output = new UncertaintySection().Render(ReportFixtures.Context());
        Assert.That(output.Status, Is.EqualTo(SectionStatus.Complete));
        Assert.That(output.Html, Does.Contain("Reliability — Deterministic (ECE 0.142)"));
        Assert.That(output.Html, Does.Contain("Reliability — MC dropout (ECE 0.152)"));
        Assert.That(output.Html, Does.Contain("mutual information — rotate:60:90"));
        Assert.That(output.Html, Does.Contain("predictive entropy — noise:0.5"));
        // 2 reliability + confidence + selective + AUROC + 2 shifts × (MI, entropy).
        Assert.That(Charts(output.Html), Is.EqualTo(9));
        Assert.That(Regex.Count(output.Html, "<code>rotate:60:90</code>"), Is.EqualTo(1 + 5), "shift table row + 5 OOD rows (2 det. + 3 MC scores)");
        Assert.That(output.Html, Does.Contain("FPR at 95% TPR"));
        Assert.That(output.Html, Does.Contain("batch 1, MC tiled (1 call of 30 rows)"));
    }

    [Test]
    public void BenchmarksReadBenchmarkDotNetAndGameLoopFilesAndFlagTheRest()
    {
        var output = new BenchSection().Render(ReportFixtures.Context());
        Assert.That(output.Status, Is.EqualTo(SectionStatus.Partial), "notes.json is of neither shape");
        Assert.That(output.Html, Does.Contain("Not recognized:"));
        Assert.That(output.Html, Does.Contain("notes.json"));
        Assert.That(output.Html, Does.Contain("OrtRunBenchmarks.Run BatchSize=1"));
        Assert.That(output.Html, Does.Contain("OrtRunBenchmarks.Run BatchSize=256"));
        Assert.That(output.Html, Does.Contain("BenchmarkDotNet 0.14.0"));
        Assert.That(output.Html, Does.Contain("256 agents, MLP policy, CPU"));
        Assert.That(output.Html, Does.Contain("Tick latency by agent count"));
        Assert.That(output.Html, Does.Contain("frame budget"));
        // BDN: the mean-per-case bars and one histogram per case; game loop: tick histogram, latency sweep, throughput sweep.
        Assert.That(Charts(output.Html), Is.EqualTo(1 + 3 + 3));
    }

    [Test]
    public void PlayShowsTheAcceptanceFiguresTheScoreChartAndATablePerCondition()
    {
        var output = new PlaySection().Render(ReportFixtures.Context());
        Assert.That(output.Status, Is.EqualTo(SectionStatus.Complete));
        Assert.That(output.Html, Does.Contain("104.5%"), "learned ÷ expert 1.045");
        Assert.That(output.Html, Does.Contain("fallback − learned: mines").And.Contain("+2.28").And.Contain("interval above 0"));
        Assert.That(output.Html, Does.Contain(">-0.01<"), "negative scores keep their sign");
        Assert.That(output.Html, Does.Contain("17.1%"), "fallback rate 0.1706");
        Assert.That(Regex.Count(output.Html, "<caption>"), Is.EqualTo(2), "one table per condition");
        Assert.That(Charts(output.Html), Is.EqualTo(1));
        Assert.That(output.Html, Does.Contain("data-name=\"learned+fallback\""));
    }

    [Test]
    public void PlayReadsThePolicyRunGivenAsThePlayFolder()
    {
        using var scratch = ReportFixtures.NewScratch();
        var elsewhere = new ReportContext(scratch.Path, scratch.File("bench"), ReportFixtures.Context().RunFolder);
        Assert.That(new PlaySection().Render(elsewhere).Status, Is.EqualTo(SectionStatus.Complete));
        var missing = new PlaySection().Render(new ReportContext(scratch.Path, scratch.File("bench")));
        Assert.That(missing.Html, Does.Contain("./harness play --profile policy"));
    }

    [Test]
    public void AnEmptyRunFolderMakesEverySectionSayWhatIsMissing()
    {
        using var scratch = ReportFixtures.NewScratch();
        var context = new ReportContext(scratch.Path, scratch.File("no-bench"));
        foreach (var section in ReportPage.DefaultSections())
        {
            var output = section.Render(context);
            Assert.That(output.Status, Is.EqualTo(SectionStatus.Missing), section.Title);
            Assert.That(output.Html, Does.Contain("Missing input:"), section.Title);
            Assert.That(output.Html, Does.Contain("It is written by <code>./harness "), section.Title);
            Assert.That(Charts(output.Html), Is.Zero, section.Title);
        }
    }

    [Test]
    public void MalformedInputsAreReportedNotThrown()
    {
        using var scratch = ReportFixtures.NewScratch();
        File.WriteAllText(scratch.File("uncertainty.json"), "{ \"deterministic\": ");
        File.WriteAllText(scratch.File("summary.json"), "[1, 2");
        Directory.CreateDirectory(scratch.File("bench"));
        File.WriteAllText(scratch.File(Path.Combine("bench", "broken.json")), "not json");
        var context = new ReportContext(scratch.Path, scratch.File("bench"));
        Assert.That(new UncertaintySection().Render(context).Status, Is.EqualTo(SectionStatus.Error));
        Assert.That(new UncertaintySection().Render(context).Html, Does.Contain("Unreadable input:"));
        Assert.That(new SummarySection().Render(context).Status, Is.EqualTo(SectionStatus.Error));
        Assert.That(new BenchSection().Render(context).Status, Is.EqualTo(SectionStatus.Error));
    }

    [Test]
    public void TheWholePageIsSelfContainedWithUniqueChartIds()
    {
        var html = ReportPage.Build(ReportFixtures.Context(), new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));
        Assert.That(html, Does.StartWith("<!DOCTYPE html>"));
        Assert.That(html, Does.Contain("generated 2026-01-02 03:04 UTC"));
        Assert.That(html, Does.Not.Match("<(script|img|link|iframe)[^>]+(src|href)="), "nothing loaded from anywhere");
        var withoutSvgNamespace = html.Replace("xmlns=\"http://www.w3.org/2000/svg\"", "", StringComparison.Ordinal);
        Assert.That(withoutSvgNamespace, Does.Not.Contain("http://").And.Not.Contain("https://"), "no URL but the SVG namespace name");
        var ids = Regex.Matches(html, "<svg [^>]*id=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.That(ids, Has.Count.EqualTo(5 + 1 + 9 + 1 + 7));
        Assert.That(ids, Is.Unique);
        foreach (var id in new[] { "summary", "training", "ablation", "gate", "uncertainty", "play", "bench" })
        {
            Assert.That(html, Does.Contain($"<section class=\"report\" id=\"{id}\""));
            Assert.That(html, Does.Contain($"href=\"#{id}\""));
        }
    }
}
