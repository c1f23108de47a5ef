using System.Runtime.InteropServices;

namespace Harness.Infer.Ort;

/// <summary>
/// Deterministic ownership of one ONNX Runtime object: disposing (or finalizing) calls the matching
/// <c>Release*</c> entry exactly once, after the last <see cref="SafeHandle.DangerousAddRef"/> user let go.
/// </summary>
internal abstract class OrtHandle : SafeHandle
{
    protected OrtHandle(nint handle)
        : base(0, ownsHandle: true)
    {
        SetHandle(handle);
    }

    /// <inheritdoc />
    public override bool IsInvalid => handle == 0;
}

/// <summary>Owns an <c>OrtEnv</c> (ReleaseEnv).</summary>
internal sealed class OrtEnvHandle(nint handle) : OrtHandle(handle)
{
    protected override bool ReleaseHandle()
    {
        OrtApi.ReleaseEnv(handle);
        return true;
    }
}

/// <summary>Owns an <c>OrtSessionOptions</c> (ReleaseSessionOptions).</summary>
internal sealed class OrtSessionOptionsHandle(nint handle) : OrtHandle(handle)
{
    protected override bool ReleaseHandle()
    {
        OrtApi.ReleaseSessionOptions(handle);
        return true;
    }
}

/// <summary>Owns an <c>OrtSession</c> (ReleaseSession).</summary>
internal sealed class OrtSessionHandle(nint handle) : OrtHandle(handle)
{
    protected override bool ReleaseHandle()
    {
        OrtApi.ReleaseSession(handle);
        return true;
    }
}

/// <summary>Owns an <c>OrtValue</c> (ReleaseValue); the value never owns caller-provided data.</summary>
internal sealed class OrtValueHandle(nint handle) : OrtHandle(handle)
{
    protected override bool ReleaseHandle()
    {
        OrtApi.ReleaseValue(handle);
        return true;
    }
}

/// <summary>Owns an <c>OrtMemoryInfo</c> (ReleaseMemoryInfo).</summary>
internal sealed class OrtMemoryInfoHandle(nint handle) : OrtHandle(handle)
{
    protected override bool ReleaseHandle()
    {
        OrtApi.ReleaseMemoryInfo(handle);
        return true;
    }
}

/// <summary>Owns an <c>OrtRunOptions</c> (ReleaseRunOptions).</summary>
internal sealed class OrtRunOptionsHandle(nint handle) : OrtHandle(handle)
{
    protected override bool ReleaseHandle()
    {
        OrtApi.ReleaseRunOptions(handle);
        return true;
    }
}
