using Harness.Core;
using Harness.Sim;
using Harness.Sim.Data;
using Harness.Sim.Policies;
using Harness.Sim.Rendering;
using Harness.Train.Data;
using NUnit.Framework;

namespace Harness.Tests.Sim;

[TestFixture]
public sealed class DatasetTests
{
    private string _folder = "";

    [SetUp]
    public void MakeFolder()
    {
        _folder = Path.Combine(Path.GetTempPath(), $"harness-sim-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_folder);
    }

    [TearDown]
    public void RemoveFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public void BehaviourCloningRowsAreObservationsLabelledWithTheExpertsAction()
    {
        var data = BehaviourCloningData.Generate(new SimOptions { Agents = 16 }, 600, seed: 3);

        Assert.That(data.Count, Is.EqualTo(600));
        Assert.That(data.FeatureSize, Is.EqualTo(Observation.Size));
        Assert.That(data.ClassNames, Is.EqualTo(AgentActions.Names));
        for (var i = 0; i < data.Count; i++)
        {
            // Without sensor noise the row is the expert's own input, so the label is recomputable.
            Assert.That((int)ExpertPolicy.Decide(data.Row(i)), Is.EqualTo(data.Labels[i]), $"row {i}");
        }

        var counts = Enumerable.Range(0, AgentActions.Count).Select(a => data.Labels.Count(l => l == a)).ToArray();
        TestContext.Out.WriteLine("label counts: " + string.Join(", ", counts));
        foreach (var action in new[] { AgentAction.Forward, AgentAction.TurnLeft, AgentAction.TurnRight })
        {
            Assert.That(counts[(int)action], Is.GreaterThan(data.Count / 10), $"the expert drives and turns both ways ({action})");
        }
    }

    [Test]
    public void FeatureFilesRoundTrip()
    {
        var data = BehaviourCloningData.Generate(new SimOptions { Agents = 8, SensorNoise = 0.05 }, 100, seed: 1);
        var path = Path.Combine(_folder, "bc.hsim");
        SimDatasetFile.Write(path, data);
        var back = SimDatasetFile.ReadFeatures(path);

        Assert.That(back.Features, Is.EqualTo(data.Features));
        Assert.That(back.Labels, Is.EqualTo(data.Labels));
        Assert.That(back.FeatureSize, Is.EqualTo(data.FeatureSize));
        Assert.That(back.ClassNames, Is.EqualTo(data.ClassNames));
        Assert.That(back.Description, Is.EqualTo(data.Description));
        var headerBytes = 8 + 4 * 5 + 4 + AgentActions.Names.Sum(n => 2 + n.Length) + 4 + System.Text.Encoding.UTF8.GetByteCount(data.Description);
        Assert.That(new FileInfo(path).Length, Is.EqualTo(headerBytes + 100 * Observation.Size * 4 + 100 * 4));
    }

    [Test]
    public void ViewFilesRoundTripAndLoadAsAHarnessImageDataset()
    {
        var data = ViewClassificationData.Generate(new SimOptions { Agents = 8 }, 50, seed: 2);
        var path = Path.Combine(_folder, "views.hsim");
        SimDatasetFile.Write(path, data);
        var back = SimDatasetFile.ReadImages(path);

        Assert.That(back.Pixels, Is.EqualTo(data.Pixels));
        Assert.That(back.Labels, Is.EqualTo(data.Labels));
        Assert.That((back.Channels, back.Height, back.Width), Is.EqualTo((3, 32, 32)));
        Assert.That(back.ClassNames, Is.EqualTo(new[] { "nothing", "wall", "pickup", "hazard", "drone" }));

        var images = new ImageDataset(back.Pixels, back.LabelBytes(), back.Channels, back.Height, back.Width, back.ClassNames.Count);
        Assert.That(images.Count, Is.EqualTo(50));
        Assert.That(images.Labels.Select(l => (int)l), Is.EqualTo(data.Labels));
    }

    [Test]
    public void ViewClassesAreBalancedAndTheCentreShowsTheLabel()
    {
        var options = new SimOptions { Agents = 8, Mines = 3 };
        var data = ViewClassificationData.Generate(options, 120, seed: 5);
        var palette = new ViewPalette(options);
        Assert.That(data.ClassNames, Has.Count.EqualTo(6));
        const int n = EgoView.Pixels;
        for (var c = 0; c < 6; c++)
        {
            Assert.That(data.Labels.Count(l => l == c), Is.EqualTo(20), $"class {data.ClassNames[c]}");
        }

        for (var i = 0; i < data.Count; i++)
        {
            var image = data.Image(i);
            var kind = (EntityKind)data.Labels[i];
            foreach (var p in new[] { 15 * n + 15, 15 * n + 16, 16 * n + 15, 16 * n + 16 })
            {
                for (var ch = 0; ch < 3; ch++)
                {
                    Assert.That(image[ch * n * n + p], Is.EqualTo(palette.Channel(kind, ch)), $"image {i} ({kind}) pixel {p}");
                }
            }
        }
    }

    [Test]
    public void CorruptFilesAreUsageErrorsNamingTheFile()
    {
        var data = BehaviourCloningData.Generate(new SimOptions { Agents = 4 }, 20, seed: 1);
        var good = Path.Combine(_folder, "good.hsim");
        SimDatasetFile.Write(good, data);
        var bytes = File.ReadAllBytes(good);

        void Expect(string name, byte[] content, string message)
        {
            var path = Path.Combine(_folder, name);
            File.WriteAllBytes(path, content);
            var error = Assert.Throws<UsageException>(() => SimDatasetFile.ReadFeatures(path));
            Assert.That(error!.Message, Does.Contain(path).And.Contain(message), name);
        }

        var magic = (byte[])bytes.Clone();
        magic[0] = (byte)'X';
        Expect("magic.hsim", magic, "HSIMDATA");
        Expect("empty.hsim", [], "HSIMDATA");
        Expect("truncated.hsim", bytes[..(bytes.Length - 3)], "truncated");
        Expect("header.hsim", bytes[..20], "truncated header");
        Expect("trailing.hsim", [.. bytes, 0], "unexpected bytes");
        var version = (byte[])bytes.Clone();
        version[8] = 9;
        Expect("version.hsim", version, "version 9");
        var label = (byte[])bytes.Clone();
        label[^4] = 7; // last label → 7 of 5 classes
        Expect("label.hsim", label, "out of range");

        var wrongKind = Assert.Throws<UsageException>(() => SimDatasetFile.ReadImages(good));
        Assert.That(wrongKind!.Message, Does.Contain(good).And.Contain("ReadFeatures"));
        var missing = Path.Combine(_folder, "missing.hsim");
        Assert.That(Assert.Throws<UsageException>(() => SimDatasetFile.ReadFeatures(missing))!.Message, Does.Contain(missing));
    }
}
