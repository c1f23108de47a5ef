using Harness.Bench.Gate;
using Harness.Core;
using NUnit.Framework;

namespace Harness.Tests.Bench;

/// <summary>The gate's arguments, baseline files, and a dry run of the quick measurement end to end.</summary>
[TestFixture]
public sealed class RegressionGateTests
{
    private static readonly string[] DryTimer = ["--repetitions", "1", "--repetition-ms", "0"];

    [Test]
    public void ParsesArgumentsAndReportsEveryProblem()
    {
        var options = RegressionGate.Parse(["--baseline", "b.json", "--max-regression", "15%", "--repetitions", "5"]);
        Assert.Multiple(() =>
        {
            Assert.That(options.Baseline, Is.EqualTo("b.json"));
            Assert.That(options.SaveBaseline, Is.Null);
            Assert.That(options.MaxRegressionPercent, Is.EqualTo(15));
            Assert.That(options.Timer.Repetitions, Is.EqualTo(5));
            Assert.That(RegressionGate.Handles(["--save-baseline", "x"]), Is.True);
            Assert.That(RegressionGate.Handles(["--filter", "*Ort*"]), Is.False);
        });
        var error = Assert.Throws<UsageException>(() => RegressionGate.Parse(["--baseline", "b", "--max-regression", "-3", "--bogus", "--repetitions"]));
        Assert.That(error!.Message, Does.Contain("--max-regression = -3").And.Contain("'--bogus'").And.Contain("--repetitions needs a value"));
        Assert.Throws<UsageException>(() => RegressionGate.Parse(["--max-regression", "5"]), "nothing to compare or save");
    }

    [Test]
    public void QuickMeasurementDryRunProducesEveryFigure()
    {
        var figures = QuickFigures.Measure(QuickTimer.Dry);
        Assert.Multiple(() =>
        {
            Assert.That(figures.Select(f => f.Name), Is.EquivalentTo(new[]
            {
                "ort.mlp.b1.run_us", "ort.mlp.b32.run_us", "ort.mlp.b256.run_us", "mc.mlp.b1.t30.loop_us",
                "mc.mlp.b1.t30.tiled_us", "mc.mlp.b1.t30.shared_tiled_us", "mc.mlp.b1.t30.shared_speedup",
                "mc.cnn.b1.t30.loop_us", "mc.cnn.b1.t30.shared_tiled_us", "mc.cnn.b1.t30.shared_speedup",
                "train.mlp.b128.samples_per_s",
            }));
            Assert.That(figures.Select(f => f.Value), Is.All.GreaterThan(0).And.All.Matches<double>(double.IsFinite));
            Assert.That(figures.Where(f => f.Unit == "us").Select(f => f.Better), Is.All.EqualTo(Better.Lower));
            Assert.That(figures.Single(f => f.Name.EndsWith("samples_per_s")).Better, Is.EqualTo(Better.Higher));
        });
    }

    [Test]
    public void SavesABaselineThenFailsAgainstAnImpossiblyFastOne()
    {
        var folder = Directory.CreateTempSubdirectory("gate");
        try
        {
            var saved = Path.Combine(folder.FullName, "sub", "baseline.json");
            var output = new StringWriter();
            Assert.That(RegressionGate.Run(["--save-baseline", saved, .. DryTimer], output), Is.EqualTo(ExitCodes.Success));
            var baseline = BaselineFile.Load(saved);
            Assert.Multiple(() =>
            {
                Assert.That(baseline.Figures, Has.Count.EqualTo(11));
                Assert.That(baseline.Metadata.Cores, Is.EqualTo(Environment.ProcessorCount));
                Assert.That(baseline.Metadata.OrtVersion, Is.Not.Empty);
                Assert.That(baseline.Metadata.TorchVersion, Is.Not.Empty);
            });

            // A baseline 100 times faster than anything measurable, missing one figure: the gate fails on the
            // latencies and reports the missing figure instead of crashing.
            var doctored = baseline with
            {
                Figures = baseline.Figures.Skip(1)
                    .Select(f => f with { Value = f.Better == Better.Lower ? f.Value / 100 : f.Value * 100 }).ToList(),
            };
            var fast = Path.Combine(folder.FullName, "fast.json");
            BaselineFile.Save(fast, doctored);
            output = new StringWriter();
            Assert.That(RegressionGate.Run(["--baseline", fast, "--max-regression", "50", .. DryTimer], output), Is.EqualTo(ExitCodes.CheckFailed));
            var text = output.ToString();
            Assert.Multiple(() =>
            {
                Assert.That(text, Does.Contain("REGRESSED"));
                Assert.That(text, Does.Contain($"| {baseline.Figures[0].Name} ({baseline.Figures[0].Unit}) | lower | – |").And.Contain("new: not in the baseline"));
                Assert.That(text, Does.Contain("gate: FAIL"));
            });

            // Against a baseline 100 times slower, it passes.
            var slow = Path.Combine(folder.FullName, "slow.json");
            BaselineFile.Save(slow, baseline with
            {
                Figures = baseline.Figures.Select(f => f with { Value = f.Better == Better.Lower ? f.Value * 100 : f.Value / 100 }).ToList(),
            });
            output = new StringWriter();
            Assert.That(RegressionGate.Run(["--baseline", slow, "--max-regression", "50", .. DryTimer], output), Is.EqualTo(ExitCodes.Success),
                output.ToString());
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Test]
    public void UnusableBaselineFilesAreUsageErrors()
    {
        Assert.Throws<UsageException>(() => BaselineFile.Load(Path.Combine(Path.GetTempPath(), "no-such-baseline.json")));
        Assert.Throws<UsageException>(() => BaselineFile.Parse("{ not json", "x.json"));
        var error = Assert.Throws<UsageException>(() => BaselineFile.Parse(
            """{ "Schema": 7, "Metadata": {}, "Figures": [ { "Name": "", "Value": 1, "Unit": "us", "Better": "Lower" } ] }""", "x.json"));
        Assert.That(error!.Message, Does.Contain("schema = 7").And.Contain("figure 0"));
    }
}
