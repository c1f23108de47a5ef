using System.Diagnostics;
using NUnit.Framework;

namespace Harness.Tests.Train;

/// <summary>
/// A missing libtorch shim must say which paths were tried and how to fix it, and the stage must exit 2.
/// Runs the train stage in a child process: the test process itself has the shim loaded already.
/// </summary>
[TestFixture]
public sealed class TorchLibraryLoadTests
{
    [Test]
    public void MissingShimListsEveryPathTriedAndExitsWithTwo()
    {
        var root = Path.Combine(Path.GetTempPath(), $"harness-root-{Guid.NewGuid():N}");
        Directory.CreateDirectory(root);
        try
        {
            File.Copy(Path.Combine(Harness.Core.RepoPaths.Root, "appsettings.json"), Path.Combine(root, "appsettings.json"));
            var missing = Path.Combine(root, "nowhere", "libharness_torch.so");
            var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Harness.Train.dll")])
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                Environment = { ["HARNESS_ROOT"] = root, ["HARNESS_TORCH_LIBRARY"] = missing },
            };
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEnd();
            process.StandardOutput.ReadToEnd();
            Assert.That(process.WaitForExit(60_000), Is.True);

            Assert.That(process.ExitCode, Is.EqualTo(2), stderr);
            Assert.That(stderr, Does.Contain($"tried {missing}: no such file"));
            Assert.That(stderr, Does.Contain($"tried {Path.Combine(root, ".native", "build", "libharness_torch.so")}: no such file"));
            Assert.That(stderr, Does.Contain("./harness setup"));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
