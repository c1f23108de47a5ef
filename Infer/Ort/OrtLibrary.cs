using System.Runtime.InteropServices;
using System.Text;
using Harness.Core;

namespace Harness.Infer.Ort;

/// <summary>
/// Loads the ONNX Runtime native library once per process and hands out its C API function table.
/// Candidates, in order: the path in <c>HARNESS_ORT_LIBRARY</c>, <c>&lt;repo&gt;/.native/onnxruntime/libonnxruntime.so.1</c>
/// (installed by <c>./harness setup</c>), then the plain name <c>libonnxruntime.so.1</c> (the system search path).
/// </summary>
public static unsafe class OrtLibrary
{
    /// <summary>Environment variable naming an explicit ONNX Runtime library file to load first.</summary>
    public const string PathVariable = "HARNESS_ORT_LIBRARY";

    /// <summary>File name of the engine on Linux (the npm package onnxruntime-node ships it under this name).</summary>
    public const string LibraryFileName = "libonnxruntime.so.1";

    /// <summary>
    /// The C API version requested from <c>GetApi</c>: the lowest that holds every slot this binding calls (the
    /// CUDA provider options V2 entries, slots 204–208, arrived in API 11 / ORT 1.11). The table is append-only,
    /// so any newer library serves it.
    /// </summary>
    public const uint ApiVersion = 11;

    private static readonly Lock Gate = new();
    private static nint s_api;
    private static string? s_version;
    private static string? s_loadedFrom;

    /// <summary>The engine's version string, for example "1.30.0". Loads the library on first use.</summary>
    public static string Version
    {
        get
        {
            EnsureLoaded();
            return s_version!;
        }
    }

    /// <summary>The candidate (path or name) the library was loaded from. Loads the library on first use.</summary>
    public static string LoadedFrom
    {
        get
        {
            EnsureLoaded();
            return s_loadedFrom!;
        }
    }

    /// <summary>Address of the <c>OrtApi</c> function table (static storage inside the engine).</summary>
    internal static nint Api
    {
        get
        {
            EnsureLoaded();
            return s_api;
        }
    }

    /// <summary>The paths and names tried, in order, given the current environment.</summary>
    public static IReadOnlyList<string> CandidatePaths()
    {
        var candidates = new List<string>(3);
        var fromEnv = Environment.GetEnvironmentVariable(PathVariable);
        if (!string.IsNullOrWhiteSpace(fromEnv))
        {
            candidates.Add(fromEnv);
        }

        candidates.Add(Path.Combine(RepoPaths.NativeDir, "onnxruntime", LibraryFileName));
        candidates.Add(LibraryFileName);
        return candidates;
    }

    /// <summary>
    /// Loads the library and reads its API table unless already done. Throws <see cref="DllNotFoundException"/>
    /// listing every candidate and why it failed, or <see cref="InvalidOperationException"/> when the library is
    /// older than <see cref="ApiVersion"/>.
    /// </summary>
    public static void EnsureLoaded()
    {
        if (Volatile.Read(ref s_api) != 0)
        {
            return;
        }

        lock (Gate)
        {
            if (s_api != 0)
            {
                return;
            }

            var candidates = CandidatePaths();
            // The library stays loaded for the life of the process: its API table and every ORT object live in it.
            var (library, index) = LoadFirst(candidates);
            try
            {
                ReadApi(library, out var api, out var version);
                s_version = version;
                s_loadedFrom = candidates[index];
                Volatile.Write(ref s_api, api);
            }
            catch
            {
                NativeLibrary.Free(library);
                throw;
            }
        }
    }

    /// <summary>
    /// Loads the first candidate that the platform loader accepts. When none does, throws
    /// <see cref="DllNotFoundException"/> whose message lists each candidate with its failure and how to install
    /// the engine.
    /// </summary>
    internal static (nint Handle, int Index) LoadFirst(IReadOnlyList<string> candidates)
    {
        var failures = new List<string>(candidates.Count);
        for (var i = 0; i < candidates.Count; i++)
        {
            try
            {
                return (NativeLibrary.Load(candidates[i]), i);
            }
            catch (Exception e) when (e is DllNotFoundException or BadImageFormatException)
            {
                failures.Add(Reason(e));
            }
        }

        var message = new StringBuilder("Could not load the ONNX Runtime native library. Tried, in order:");
        for (var i = 0; i < candidates.Count; i++)
        {
            message.Append("\n  ").Append(i + 1).Append(". ").Append(candidates[i]).Append(" -> ").Append(failures[i]);
        }

        message.Append("\nRun `./harness setup` to install it into ").Append(Path.Combine(RepoPaths.NativeDir, "onnxruntime"))
            .Append(", or set ").Append(PathVariable).Append(" to the library file.");
        throw new DllNotFoundException(message.ToString());
    }

    /// <summary>
    /// The loader's reason on one line: .NET puts generic advice on the first line and the platform loader's
    /// messages (dlerror, one per name variant tried) on the next ones.
    /// </summary>
    private static string Reason(Exception e)
    {
        var lines = e.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length > 1 ? string.Join("; ", lines[1..]) : e.Message.Trim();
    }

    private static void ReadApi(nint library, out nint api, out string version)
    {
        if (!NativeLibrary.TryGetExport(library, "OrtGetApiBase", out var getApiBase))
        {
            throw new DllNotFoundException("The loaded library does not export OrtGetApiBase: it is not ONNX Runtime.");
        }

        // OrtApiBase is two function pointers: GetApi(uint32 version) and GetVersionString().
        var apiBase = ((delegate* unmanaged[Cdecl]<nint>)getApiBase)();
        var getApi = (delegate* unmanaged[Cdecl]<uint, nint>)((nint*)apiBase)[0];
        var getVersionString = (delegate* unmanaged[Cdecl]<byte*>)((nint*)apiBase)[1];
        version = Marshal.PtrToStringUTF8((nint)getVersionString()) ?? "";
        api = getApi(ApiVersion);
        if (api == 0)
        {
            throw new InvalidOperationException(
                $"ONNX Runtime {version} does not provide C API version {ApiVersion}; ONNX Runtime 1.11 or newer is required.");
        }
    }
}
