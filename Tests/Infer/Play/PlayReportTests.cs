using System.Text.Json;
using Harness.Core;
using Harness.Core.Configuration;
using Harness.Infer.Play;
using Harness.Sim;
using Harness.Tests.Export;
using NUnit.Framework;

namespace Harness.Tests.Infer.Play;

[TestFixture]
public sealed class PlayReportTests
{
    [Test]
    public void PlayStageWritesPlayJsonMarkdownAndReplays()
    {
        using var temp = new TempFolder();
        PlayTestModels.WriteRunFolder(temp.Path);
        var (configuration, positional) = HarnessConfiguration.Load(
        [
            temp.Path, "--Play:Agents=6", "--Play:Episodes=3", "--Sim:EpisodeTicks=40", "--Play:Shifts:0=mines",
            "--Play:Shifts:1=custom", "--Play:Shifts:2=sensor-noise", "--Play:ShiftMines=2", "--Play:ShiftLayouts=Novel", "--Play:MiPasses=4",
        ]);
        Assert.That(PlayStage.Run(configuration, positional), Is.EqualTo(ExitCodes.Success));

        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(temp.Path, PlayReportWriter.JsonFile)));
        var root = json.RootElement;
        Assert.That(root.GetProperty("agents").GetInt32(), Is.EqualTo(6));
        Assert.That(root.GetProperty("episodes").GetInt32(), Is.EqualTo(3));
        Assert.That(root.GetProperty("mi_passes").GetInt32(), Is.EqualTo(4));
        Assert.That(root.GetProperty("action_selection").GetString(), Does.StartWith("argmax"));
        Assert.That(root.GetProperty("acceptance").GetProperty("target").GetDouble(), Is.EqualTo(0.9));
        Assert.That(root.GetProperty("acceptance").GetProperty("fallback_minus_learned_under_shift").GetArrayLength(), Is.EqualTo(4));

        var distributions = root.GetProperty("distributions").EnumerateArray().ToList();
        Assert.That(distributions.Select(d => d.GetProperty("name").GetString()),
            Is.EqualTo(new[] { "in-distribution", "mines", "custom", "sensor-noise", "hazards" }), "index 3 keeps the default");
        Assert.That(distributions[2].GetProperty("knobs").GetString(), Is.EqualTo("Layouts = Novel, Mines = 2"));
        foreach (var d in distributions)
        {
            var policies = d.GetProperty("policies").EnumerateArray().ToList();
            Assert.That(policies.Select(p => p.GetProperty("policy").GetString()),
                Is.EqualTo(new[] { PlayRunner.Expert, PlayRunner.Random, PlayRunner.Learned, PlayRunner.LearnedMc, PlayRunner.Fallback }));
            foreach (var p in policies)
            {
                var scores = p.GetProperty("episode_scores").EnumerateArray().Select(e => e.GetDouble()).ToArray();
                Assert.That(scores, Has.Length.EqualTo(3));
                Assert.That(p.GetProperty("mean").GetDouble(), Is.EqualTo(scores.Average()).Within(1e-9));
                Assert.That(p.GetProperty("decide_ms_p99").GetDouble(), Is.GreaterThanOrEqualTo(p.GetProperty("decide_ms_p50").GetDouble()));
            }

            Assert.That(policies[0].GetProperty("fallback_rate").ValueKind, Is.EqualTo(JsonValueKind.Null), "the expert has no fallback");
            Assert.That(policies[3].GetProperty("fallback_rate").GetDouble(), Is.Zero, "MC mean without fallback");
            Assert.That(policies[4].GetProperty("fallback_rate").GetDouble(), Is.InRange(0.0, 1.0));
            Assert.That(d.GetProperty("comparisons").EnumerateArray().Select(c => $"{c.GetProperty("a").GetString()}-{c.GetProperty("b").GetString()}"),
                Does.Contain("learned+fallback-learned").And.Contain("learned-expert"));
        }

        Assert.That(File.ReadAllText(Path.Combine(temp.Path, PlayReportWriter.MarkdownFile)), Does.Contain("learned / expert in distribution"));
        var replays = root.GetProperty("replays").EnumerateArray().Select(r => r.GetString()!).ToList();
        Assert.That(replays, Has.Count.EqualTo(10), "learned in distribution + fallback under each of 4 shifts, .hsimrply and .gif each");
        Assert.That(replays, Has.All.Matches<string>(File.Exists));
        var replay = Harness.Sim.Replays.Replay.Load(replays[0]);
        Assert.That((replay.Agents, replay.Frames), Is.EqualTo((6, 41)), "frame 0 and one per tick");
    }

    [Test]
    public void ModelsWithoutPolicyShapeOrFeatureNormalizationAreUsageErrors()
    {
        using var temp = new TempFolder();
        File.WriteAllBytes(Path.Combine(temp.Path, "model.onnx"),
            Uncertainty.McTestGraphs.Mlp(Observation.Size, 8, AgentActions.Count, mc: false, mean: [0.5f], std: [0.25f]));
        var (configuration, positional) = HarnessConfiguration.Load([temp.Path, "--Play:Episodes=1", "--Sim:EpisodeTicks=5"]);
        var error = Assert.Throws<UsageException>(() => PlayStage.Run(configuration, positional));
        Assert.That(error!.Message, Does.Contain("not the per-feature"));

        File.WriteAllBytes(Path.Combine(temp.Path, "model.onnx"), Uncertainty.McTestGraphs.Mlp(10, 8, 3, mc: false));
        error = Assert.Throws<UsageException>(() => PlayStage.Run(configuration, positional));
        Assert.That(error!.Message, Does.Contain("is not a Sim policy"));
    }

    [Test]
    public void BadPlayOptionsAreListedWithKeysAndAllowedValues()
    {
        var (configuration, _) = HarnessConfiguration.Load(
            ["--Play:MiPasses=1", "--Play:Shifts:0=earthquake", "--Play:DecisionPeriod=0", "--Play:ShiftSensorNoise=0.9"]);
        var binder = new OptionsBinder(configuration);
        binder.Bind<PlayOptions>(PlayOptions.Section);
        var error = Assert.Throws<UsageException>(binder.ThrowIfInvalid);
        Assert.That(error!.Message, Does.Contain("Play:MiPasses = 1: must be between 2 and 256"));
        Assert.That(error.Message, Does.Contain("Play:Shifts:0 = 'earthquake': must be one of mines, sensor-noise, novel-layouts, hazards, combined, custom"));
        Assert.That(error.Message, Does.Contain("Play:DecisionPeriod = 0"));
        Assert.That(error.Message, Does.Contain("Play:ShiftSensorNoise = 0.9: must be between 0 and 0.5"));
    }

    [Test]
    public void ConfidenceIntervalsUseStudentT()
    {
        Assert.That(PlayRunner.Ci95([1.0, 3.0]), Is.EqualTo(12.706 * Math.Sqrt(2.0 / 2)).Within(1e-9), "s = √2, n = 2, t = 12.706");
        Assert.That(PlayRunner.Ci95([2.0, 2.0, 2.0]), Is.Zero);
        Assert.That(double.IsNaN(PlayRunner.Ci95([5.0])));
    }
}
