using Harness.Core;
using Harness.Core.Configuration;
using Harness.Pipeline.Report;
using NUnit.Framework;

namespace Harness.Tests.Report;

public class ReportStageTests
{
    private static (int Code, string Output) Run(params string[] args)
    {
        var (configuration, positional) = HarnessConfiguration.Load(args);
        var previous = Console.Out;
        using var captured = new StringWriter();
        Console.SetOut(captured);
        try
        {
            return (ReportStage.Run(configuration, positional), captured.ToString());
        }
        finally
        {
            Console.SetOut(previous);
        }
    }

    [Test]
    public void WritesReportHtmlIntoTheRunFolderAndPrintsItsPath()
    {
        using var scratch = ReportFixtures.NewScratch();
        var run = scratch.CopyRun();
        var (code, output) = Run(run, "--bench", ReportFixtures.Bench);
        var page = Path.Combine(run, ReportStage.FileName);
        Assert.That(code, Is.EqualTo(ExitCodes.Success));
        Assert.That(output.Trim(), Is.EqualTo(page));
        var html = File.ReadAllText(page);
        Assert.That(html, Does.Contain("<h1>Run report — run</h1>"));
        Assert.That(html, Does.Contain("OrtRunBenchmarks.Run BatchSize=32"));
    }

    [Test]
    public void OutChoosesTheFileAndTheBenchFolderDefaultsToRunRootBench()
    {
        using var scratch = ReportFixtures.NewScratch();
        var run = scratch.CopyRun();
        var (code, output) = Run(run, "--out", scratch.File("out/page.html"), $"--Run:Root={scratch.Path}");
        Assert.That(code, Is.EqualTo(ExitCodes.Success));
        Assert.That(output.Trim(), Is.EqualTo(scratch.File("out/page.html")));
        Assert.That(File.ReadAllText(scratch.File("out/page.html")), Does.Contain(Path.Combine(scratch.Path, "bench")));
        Assert.That(File.Exists(Path.Combine(run, ReportStage.FileName)), Is.False);
    }

    [Test]
    public void AMissingRunFolderOrStrayArgumentIsAUsageError()
    {
        using var scratch = ReportFixtures.NewScratch();
        Assert.Throws<UsageException>(() => Run(scratch.File("absent")));
        Assert.Throws<UsageException>(() => Run(scratch.Path, "--bogus"));
        Assert.Throws<UsageException>(() => Run(scratch.Path, "second", "third"));
        Assert.Throws<UsageException>(() => Run(scratch.Path, "--bench"));
    }

    [Test]
    public void StageRunnerMapsAMissingFolderToExitTwo()
    {
        using var scratch = ReportFixtures.NewScratch();
        var previous = Console.Error;
        using var captured = new StringWriter();
        Console.SetError(captured);
        try
        {
            Assert.That(StageRunner.Run("report", [scratch.File("absent")], ReportStage.Run), Is.EqualTo(ExitCodes.UsageError));
        }
        finally
        {
            Console.SetError(previous);
        }

        Assert.That(captured.ToString(), Does.Contain("does not exist"));
    }
}
