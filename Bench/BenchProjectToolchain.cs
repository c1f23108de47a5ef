using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Toolchains;
using BenchmarkDotNet.Toolchains.CsProj;
using BenchmarkDotNet.Toolchains.DotNetCli;
using Harness.Core;

namespace Harness.Bench;

/// <summary>
/// BenchmarkDotNet's out-of-process .NET toolchain, pointed at <c>Bench/Bench.csproj</c>. BenchmarkDotNet 0.14 looks
/// for a project file named after the assembly (<c>Harness.Bench.csproj</c>); our assemblies carry the
/// <c>Harness.</c> prefix (Directory.Build.props) while project files do not, so the lookup is replaced here.
/// </summary>
public static class BenchProjectToolchain
{
    /// <summary>The toolchain for the running .NET version (for example net10.0).</summary>
    public static IToolchain Create()
    {
        var tfm = $"net{Environment.Version.Major}.{Environment.Version.Minor}";
        var project = new FileInfo(Path.Combine(RepoPaths.Root, "Bench", "Bench.csproj"));

        // Null paths mean BenchmarkDotNet's defaults (dotnet on PATH, default packages folder and runtime), as
        // CsProjCoreToolchain passes them.
        return new Toolchain(
            $"CsProj {tfm} (Bench.csproj)",
            new ProjectGenerator(tfm, project),
            new DotNetCliBuilder(tfm, customDotNetCliPath: null!),
            new DotNetCliExecutor(customDotNetCliPath: null!));
    }

    private sealed class ProjectGenerator(string tfm, FileInfo project)
        : CsProjGenerator(tfm, cliPath: null!, packagesPath: null!, runtimeFrameworkVersion: null!, isNetCore: true)
    {
        protected override FileInfo GetProjectFilePath(Type benchmarkTarget, ILogger logger) => project;
    }
}
