using System.Text.Json;
using NUnit.Framework;

namespace Harness.Tests.Core;

/// <summary>The README is the front door and must stay true: it names every configuration key the file has.</summary>
[TestFixture]
public sealed class ReadmeTests
{
    [Test]
    public void EveryConfigurationKeyIsDocumented()
    {
        var readme = File.ReadAllText(Path.Combine(Harness.Core.RepoPaths.Root, "README.md"));
        using var settings = JsonDocument.Parse(File.ReadAllText(Harness.Core.RepoPaths.AppSettings));
        var missing = new List<string>();
        foreach (var section in settings.RootElement.EnumerateObject().Where(s => s.Name != "Profiles"))
        {
            foreach (var key in section.Value.EnumerateObject())
            {
                var name = $"{section.Name}:{key.Name}";
                if (!readme.Contains($"`{name}`", StringComparison.Ordinal))
                {
                    missing.Add(name);
                }
            }
        }

        Assert.That(missing, Is.Empty, "keys in appsettings.json that README.md does not document");
    }

    [Test]
    public void EveryStageOfTheEntryScriptIsDocumented()
    {
        var readme = File.ReadAllText(Path.Combine(Harness.Core.RepoPaths.Root, "README.md"));
        var script = File.ReadAllText(Path.Combine(Harness.Core.RepoPaths.Root, "harness"));
        var stages = script.Split('\n').Select(l => l.Trim()).Where(l => l.Contains(") setup;", StringComparison.Ordinal))
            .Select(l => l[..l.IndexOf(')', StringComparison.Ordinal)].Trim()).ToList();
        Assert.That(stages, Is.Not.Empty);
        Assert.That(stages.Where(s => !s.Split('|').Any(part => readme.Contains($"`{part.Trim()}", StringComparison.Ordinal))), Is.Empty);
    }
}
