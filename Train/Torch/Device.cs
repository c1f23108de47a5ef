namespace Harness.Train.Torch;

/// <summary>Where a tensor lives. Type codes are libtorch's c10::DeviceType (CPU 0, CUDA 1).</summary>
public readonly record struct Device(DeviceKind Kind, int Index = -1)
{
    public static readonly Device Cpu = new(DeviceKind.Cpu);

    public static Device Cuda(int index = 0) => new(DeviceKind.Cuda, index);

    /// <summary>Parses "cpu", "cuda", "cuda:N" or "auto" (CUDA device 0 when libtorch has one, else CPU).</summary>
    public static Device Parse(string text)
    {
        var t = text.Trim().ToLowerInvariant();
        if (t == "cpu")
        {
            return Cpu;
        }

        if (t == "auto")
        {
            return Torch.CudaDeviceCount > 0 ? Cuda() : Cpu;
        }

        if (t == "cuda")
        {
            return Cuda();
        }

        if (t.StartsWith("cuda:", StringComparison.Ordinal) && int.TryParse(t.AsSpan(5), out var index) && index >= 0)
        {
            return Cuda(index);
        }

        throw new ArgumentException($"Unknown device '{text}': expected auto, cpu, cuda or cuda:N.");
    }

    public override string ToString() => Kind == DeviceKind.Cpu ? "cpu" : Index < 0 ? "cuda" : $"cuda:{Index}";
}

/// <summary>Device types, as libtorch numbers them.</summary>
public enum DeviceKind
{
    Cpu = 0,
    Cuda = 1,
}
