using System.ComponentModel;
using System.Diagnostics;
using Harness.Core;
using NUnit.Framework;

namespace Harness.Tests.Export;

/// <summary>
/// Finds a Python interpreter with Debian's python3-onnx (and python3-torch) and runs the committed helper
/// scripts of Tests/Data/Export. Candidates, in order: <c>HARNESS_PYTHON</c>, <c>python3</c> on PATH, then
/// <c>/usr/bin/python3</c> (a pyenv or venv python3 on PATH usually lacks the Debian packages).
/// Tests that need one call <see cref="RequireOnnx"/> / <see cref="RequireTorch"/>, which ignore the test
/// with the reason when none is found.
/// </summary>
internal static class PythonTools
{
    /// <summary>Environment variable naming the interpreter to use.</summary>
    public const string PythonVariable = "HARNESS_PYTHON";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private static readonly Lazy<string?> OnnxPython = new(() => Find("import onnx"));
    private static readonly Lazy<string?> TorchPython = new(() => Find("import onnx, torch"));

    /// <summary>An interpreter that can import onnx; ignores the test when there is none.</summary>
    public static string RequireOnnx() => OnnxPython.Value ?? Ignore("python3 with the onnx package " +
        $"(Debian python3-onnx) was not found (tried {PythonVariable}, python3, /usr/bin/python3).");

    /// <summary>An interpreter that can import onnx and torch; ignores the test when there is none.</summary>
    public static string RequireTorch() => TorchPython.Value ?? Ignore("python3 with the onnx and torch " +
        $"packages (Debian python3-onnx, python3-torch) was not found (tried {PythonVariable}, python3, /usr/bin/python3).");

    /// <summary>Runs a script of Tests/Data/Export and returns its stdout; fails the test on a non-zero exit.</summary>
    public static string RunScript(string python, string script, IEnumerable<string> arguments, string? stdin = null)
    {
        var scriptPath = Path.Combine(RepoPaths.Root, "Tests", "Data", "Export", script);
        var (exitCode, stdout, stderr) = Run(python, [scriptPath, .. arguments], stdin);
        if (exitCode != 0)
        {
            Assert.Fail($"{script} exited with {exitCode}:\n{stderr}");
        }

        return stdout;
    }

    private static string Ignore(string reason)
    {
        Assert.Ignore(reason);
        throw new UnreachableException();
    }

    private static string? Find(string probe)
    {
        var candidates = new[] { Environment.GetEnvironmentVariable(PythonVariable), "python3", "/usr/bin/python3" };
        return candidates.OfType<string>().Where(c => c.Length > 0)
            .FirstOrDefault(candidate => TryRun(candidate, ["-c", probe]) == 0);
    }

    private static int? TryRun(string python, string[] arguments)
    {
        try
        {
            return Run(python, arguments, null).ExitCode;
        }
        catch (Win32Exception)
        {
            return null; // The interpreter does not exist.
        }
    }

    private static (int ExitCode, string Stdout, string Stderr) Run(string python, string[] arguments, string? stdin)
    {
        var info = new ProcessStartInfo(python)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(stdin ?? "");
        process.StandardInput.Close();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{python} {string.Join(' ', arguments)} did not finish within {Timeout.TotalSeconds} s.");
        }

        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
