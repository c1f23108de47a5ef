using Harness.Pipeline.Report;
using NUnit.Framework;

namespace Harness.Tests.Report;

/// <summary>The committed report fixtures (Tests/Data/Report, see make_fixtures.py there) and scratch folders.</summary>
internal static class ReportFixtures
{
    public static string Root => Path.Combine(TestContext.CurrentContext.TestDirectory, "Data", "Report");

    /// <summary>A run folder with every input except the full ablation.</summary>
    public static string Run => Path.Combine(Root, "run");

    /// <summary>A BenchmarkDotNet export, a game-loop result and a JSON file of neither shape.</summary>
    public static string Bench => Path.Combine(Root, "bench");

    public static ReportContext Context() => new(Run, Bench);

    /// <summary>A fresh empty folder under the temp folder, deleted on dispose.</summary>
    public static Scratch NewScratch() => new();

    internal sealed class Scratch : IDisposable
    {
        public Scratch()
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"harness-report-{Guid.NewGuid():N}");
            Directory.CreateDirectory(Path);
        }

        public string Path { get; }

        public string File(string name) => System.IO.Path.Combine(Path, name);

        /// <summary>Copies the fixture run folder (recursively) into this folder and returns the copy's path.</summary>
        public string CopyRun()
        {
            var target = File("run");
            foreach (var source in Directory.EnumerateFiles(Run, "*", SearchOption.AllDirectories))
            {
                var destination = System.IO.Path.Combine(target, System.IO.Path.GetRelativePath(Run, source));
                Directory.CreateDirectory(System.IO.Path.GetDirectoryName(destination)!);
                System.IO.File.Copy(source, destination);
            }

            return target;
        }

        public void Dispose()
        {
            try
            {
                Directory.Delete(Path, recursive: true);
            }
            catch (IOException)
            {
                // A browser process may still hold its profile for a moment; the temp folder is cleaned by the OS.
            }
        }
    }
}
