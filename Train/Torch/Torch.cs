using System.Runtime.InteropServices;
using Harness.Train.Torch.Native;

namespace Harness.Train.Torch;

/// <summary>Process-wide libtorch settings: seed, threads, grad mode, devices and version.</summary>
public static class Torch
{
    /// <summary>Seeds libtorch's generators (CPU and CUDA).</summary>
    public static void ManualSeed(ulong seed) => NativeError.Check(RuntimeNative.hn_manual_seed(seed));

    /// <summary>Intra-op threads libtorch uses.</summary>
    public static int Threads
    {
        get => NativeError.Check(RuntimeNative.hn_get_num_threads());
        set => NativeError.Check(RuntimeNative.hn_set_num_threads(value));
    }

    /// <summary>Number of CUDA devices the loaded libtorch can use (0 for a CPU build).</summary>
    public static int CudaDeviceCount => NativeError.Check(RuntimeNative.hn_cuda_device_count());

    /// <summary>libtorch's version string, e.g. "1.13.1".</summary>
    public static string Version => Marshal.PtrToStringUTF8(RuntimeNative.hn_torch_version()) ?? "unknown";

    /// <summary>Waits for the CUDA device's queued work (no-op without CUDA).</summary>
    public static void Synchronize(Device device)
    {
        if (device.Kind == DeviceKind.Cuda)
        {
            NativeError.Check(RuntimeNative.hn_cuda_synchronize(Math.Max(device.Index, 0)));
        }
    }

    /// <summary>Disables gradient recording on this thread until the returned guard is disposed.</summary>
    public static GradModeGuard NoGrad() => new(enabled: false);

    /// <summary>Restores the previous grad mode when disposed.</summary>
    public readonly struct GradModeGuard : IDisposable
    {
        private readonly bool _previous;

        internal GradModeGuard(bool enabled) =>
            _previous = NativeError.Check(AutogradNative.hn_set_grad_enabled(enabled ? 1 : 0)) == 1;

        public void Dispose() => AutogradNative.hn_set_grad_enabled(_previous ? 1 : 0);
    }
}
