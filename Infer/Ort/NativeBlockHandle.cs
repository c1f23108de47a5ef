using System.Runtime.InteropServices;

namespace Harness.Infer.Ort;

/// <summary>One zeroed block of native memory (<see cref="NativeMemory"/>), freed exactly once.</summary>
internal sealed unsafe class NativeBlockHandle : SafeHandle
{
    public NativeBlockHandle(nuint byteCount)
        : base(0, ownsHandle: true)
    {
        SetHandle((nint)NativeMemory.AllocZeroed(byteCount));
    }

    /// <inheritdoc />
    public override bool IsInvalid => handle == 0;

    /// <summary>Start of the block (valid until disposed).</summary>
    public byte* Pointer => (byte*)handle;

    protected override bool ReleaseHandle()
    {
        NativeMemory.Free((void*)handle);
        return true;
    }
}
