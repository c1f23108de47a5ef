using System.Runtime.InteropServices;

namespace Harness.Train.Torch.Native;

/// <summary>The C library's process environment (Environment.SetEnvironmentVariable does not reach native code).</summary>
internal static partial class LibC
{
    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int setenv(string name, string value, int overwrite);
}
