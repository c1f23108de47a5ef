using Harness.Train.Torch;

namespace Harness.Tests;

/// <summary>
/// The process-wide count of live native tensors, read after the finalizer queue has drained: a tensor some other
/// test forgot to dispose is freed by its finalizer at an arbitrary moment, which must not move a measurement.
/// </summary>
internal static class NativeTensors
{
    public static long SettledLiveCount()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return Tensor.LiveCount;
    }
}
