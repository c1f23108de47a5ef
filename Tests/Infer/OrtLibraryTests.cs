using Harness.Infer.Ort;
using NUnit.Framework;

namespace Harness.Tests.Infer;

[TestFixture]
public class OrtLibraryTests
{
    [Test]
    public void VersionIsThePinnedEngine()
    {
        Assert.That(OrtRuntime.Version, Is.EqualTo("1.30.0"));
    }

    [Test]
    public void AvailableProvidersContainCpu()
    {
        Assert.That(OrtRuntime.AvailableProviders, Does.Contain(OrtRuntime.CpuProvider));
    }

    [Test]
    public void CandidatesAreEnvironmentThenNativeDirThenPlainName()
    {
        var saved = Environment.GetEnvironmentVariable(OrtLibrary.PathVariable);
        try
        {
            Environment.SetEnvironmentVariable(OrtLibrary.PathVariable, "/opt/custom/libonnxruntime.so.1");
            var candidates = OrtLibrary.CandidatePaths();
            Assert.That(candidates, Has.Count.EqualTo(3));
            Assert.That(candidates[0], Is.EqualTo("/opt/custom/libonnxruntime.so.1"));
            Assert.That(candidates[1], Does.EndWith(Path.Combine(".native", "onnxruntime", "libonnxruntime.so.1")));
            Assert.That(candidates[2], Is.EqualTo(OrtLibrary.LibraryFileName));

            Environment.SetEnvironmentVariable(OrtLibrary.PathVariable, null);
            Assert.That(OrtLibrary.CandidatePaths(), Has.Count.EqualTo(2));
        }
        finally
        {
            Environment.SetEnvironmentVariable(OrtLibrary.PathVariable, saved);
        }
    }

    [Test]
    public void LoadFailureListsEveryCandidateWithItsReasonAndTheSetupHint()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"harness-missing-{Guid.NewGuid():N}", "libonnxruntime.so.1");
        var notALibrary = Path.Combine(Path.GetTempPath(), $"harness-not-a-library-{Guid.NewGuid():N}.so");
        const string plainName = "libharness-no-such-engine.so.1";
        File.WriteAllText(notALibrary, "this is not an ELF file");
        try
        {
            var error = Assert.Throws<DllNotFoundException>(() => OrtLibrary.LoadFirst([missing, notALibrary, plainName]));
            TestContext.Out.WriteLine(error!.Message);
            Assert.That(error!.Message, Does.Contain("1. " + missing + " -> "));
            Assert.That(error.Message, Does.Contain("2. " + notALibrary + " -> "));
            Assert.That(error.Message, Does.Contain("3. " + plainName + " -> "));
            Assert.That(error.Message, Does.Contain("./harness setup"));
            Assert.That(error.Message, Does.Contain(OrtLibrary.PathVariable));

            // Each line carries the platform loader's reason, not just the path.
            var lines = error.Message.Split('\n');
            Assert.That(lines.Single(l => l.Contains(missing, StringComparison.Ordinal)), Does.Contain("No such file"));
            Assert.That(lines.Single(l => l.Contains(notALibrary, StringComparison.Ordinal)).Length,
                Is.GreaterThan(notALibrary.Length + 10));
        }
        finally
        {
            File.Delete(notALibrary);
        }
    }

    [Test]
    public void TheLoadedLibraryIsOneOfTheCandidates()
    {
        Assert.That(OrtLibrary.CandidatePaths(), Does.Contain(OrtLibrary.LoadedFrom));
    }
}
