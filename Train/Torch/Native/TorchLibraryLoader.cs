using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using Harness.Core;

namespace Harness.Train.Torch.Native;

/// <summary>
/// Finds and loads the libtorch shim, recording every path tried, so a load failure says exactly what was
/// looked for and why each candidate failed.
/// </summary>
internal static class TorchLibraryLoader
{
    /// <summary>Environment variable naming the shim file explicitly.</summary>
    public const string PathVariable = "HARNESS_TORCH_LIBRARY";

    private static readonly object Gate = new();
    private static IntPtr _handle;
    private static bool _registered;

    /// <summary>Installs the resolver for this assembly's P/Invokes (idempotent).</summary>
    public static void EnsureRegistered()
    {
        lock (Gate)
        {
            if (_registered)
            {
                return;
            }

            NativeLibrary.SetDllImportResolver(typeof(TorchLibraryLoader).Assembly, Resolve);
            _registered = true;
        }
    }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath) =>
        name == NativeLibraryNames.Torch ? Load() : IntPtr.Zero;

    /// <summary>Loads the shim once; throws <see cref="DllNotFoundException"/> listing every path tried and why it failed.</summary>
    public static IntPtr Load()
    {
        lock (Gate)
        {
            if (_handle != IntPtr.Zero)
            {
                return _handle;
            }

            PrepareThreadingEnvironment();
            var trace = new StringBuilder();
            foreach (var candidate in Candidates())
            {
                if (NativeLibrary.TryLoad(candidate, out _handle))
                {
                    return _handle;
                }

                trace.Append("  tried ").Append(candidate).Append(": ").AppendLine(DescribeFailure(candidate));
            }

            throw new DllNotFoundException(
                "Could not load the libtorch shim (libharness_torch.so).\n" + trace +
                "Run `./harness setup` to install libtorch and build the shim, or set " + PathVariable +
                " to the shim's path.");
        }
    }

    /// <summary>
    /// libgomp reads OMP_WAIT_POLICY once, when it is loaded with the shim. Its default lets idle OpenMP workers
    /// spin, which on a small machine steals the cores that OpenBLAS, the data loader and other processes need;
    /// PASSIVE makes them sleep. A value the user set is kept (setenv with overwrite 0).
    /// </summary>
    private static void PrepareThreadingEnvironment()
    {
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
        {
            _ = LibC.setenv("OMP_WAIT_POLICY", "PASSIVE", 0);
        }
    }

    private static IEnumerable<string> Candidates()
    {
        var fromEnv = Environment.GetEnvironmentVariable(PathVariable);
        if (!string.IsNullOrWhiteSpace(fromEnv))
        {
            yield return fromEnv;
        }

        yield return Path.Combine(RepoPaths.NativeDir, "build", "libharness_torch.so");
        yield return Path.Combine(AppContext.BaseDirectory, "libharness_torch.so");
        yield return "libharness_torch.so";
    }

    private static string DescribeFailure(string candidate)
    {
        if (Path.IsPathRooted(candidate) && !File.Exists(candidate))
        {
            return "no such file";
        }

        try
        {
            NativeLibrary.Free(NativeLibrary.Load(candidate));
            return "loaded on retry";
        }
        catch (DllNotFoundException e)
        {
            return e.Message;
        }
    }
}
