namespace Harness.Train.Torch.Native;

/// <summary>Names of the native libraries the Train project binds.</summary>
internal static class NativeLibraryNames
{
    /// <summary>The shim over libtorch built from <c>Native/</c> (libharness_torch.so).</summary>
    public const string Torch = "harness_torch";
}
