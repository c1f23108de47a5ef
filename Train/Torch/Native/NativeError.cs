using System.Runtime.InteropServices;

namespace Harness.Train.Torch.Native;

/// <summary>
/// The one error path out of the shim: every entry reports failure by a NULL handle or a -1 status and leaves
/// libtorch's message in a thread-local slot; these helpers turn that into a <see cref="TorchException"/>.
/// </summary>
internal static class NativeError
{
    /// <summary>Returns the handle, or throws with the native message when it is NULL.</summary>
    public static IntPtr Check(IntPtr handle) => handle != IntPtr.Zero ? handle : throw Take();

    /// <summary>Throws with the native message when the status is negative; returns it otherwise.</summary>
    public static int Check(int status) => status >= 0 ? status : throw Take();

    /// <summary>Throws with the native message when the value is negative; returns it otherwise.</summary>
    public static long Check(long value) => value >= 0 ? value : throw Take();

    private static TorchException Take()
    {
        var message = Marshal.PtrToStringUTF8(ErrorNative.hn_last_error()) ?? "libtorch failed without a message";
        ErrorNative.hn_clear_error();
        return new TorchException(message);
    }
}
