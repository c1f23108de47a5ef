using Harness.Train.Torch.Native;

namespace Harness.Train.Torch;

/// <summary>Factories: tensors from managed data, constants and random values.</summary>
public sealed partial class Tensor
{
    /// <summary>A float32 tensor holding a copy of <paramref name="data"/> with the given shape.</summary>
    public static Tensor FromArray(ReadOnlySpan<float> data, ReadOnlySpan<long> shape, Device? device = null) =>
        FromSpan(data, shape, DType.Float32, device);

    /// <summary>An int64 tensor holding a copy of <paramref name="data"/> with the given shape.</summary>
    public static Tensor FromArray(ReadOnlySpan<long> data, ReadOnlySpan<long> shape, Device? device = null) =>
        FromSpan(data, shape, DType.Int64, device);

    /// <summary>A float32 tensor of the given shape filled with <paramref name="value"/>.</summary>
    public static unsafe Tensor Full(ReadOnlySpan<long> shape, double value, DType dtype = DType.Float32, Device? device = null)
    {
        var d = device ?? Device.Cpu;
        fixed (long* s = shape)
        {
            return new Tensor(TensorNative.hn_tensor_full(s, shape.Length, value, (int)dtype, (int)d.Kind, d.Index));
        }
    }

    public static Tensor Zeros(ReadOnlySpan<long> shape, DType dtype = DType.Float32, Device? device = null) =>
        Full(shape, 0, dtype, device);

    public static Tensor Ones(ReadOnlySpan<long> shape, DType dtype = DType.Float32, Device? device = null) =>
        Full(shape, 1, dtype, device);

    /// <summary>Uniform samples in [0, 1) from libtorch's generator (seeded by <see cref="Torch.ManualSeed"/>).</summary>
    public static Tensor Rand(ReadOnlySpan<long> shape, Device? device = null) => Random(shape, 0, device);

    /// <summary>Standard normal samples from libtorch's generator.</summary>
    public static Tensor Randn(ReadOnlySpan<long> shape, Device? device = null) => Random(shape, 1, device);

    /// <summary>0, 1, …, end − 1 (int64).</summary>
    public static Tensor Arange(long end, DType dtype = DType.Int64, Device? device = null)
    {
        var d = device ?? Device.Cpu;
        return new Tensor(TensorNative.hn_tensor_arange(end, (int)dtype, (int)d.Kind, d.Index));
    }

    /// <summary>A random permutation of 0 … n − 1 (int64) from libtorch's generator.</summary>
    public static Tensor RandPerm(long n, Device? device = null)
    {
        var d = device ?? Device.Cpu;
        return new Tensor(TensorNative.hn_tensor_randperm(n, (int)d.Kind, d.Index));
    }

    /// <summary>Concatenates tensors along a dimension.</summary>
    public static unsafe Tensor Cat(IReadOnlyList<Tensor> tensors, long dim = 0)
    {
        Span<IntPtr> handles = tensors.Count <= 64 ? stackalloc IntPtr[tensors.Count] : new IntPtr[tensors.Count];
        for (var i = 0; i < tensors.Count; i++)
        {
            handles[i] = tensors[i].Handle;
        }

        fixed (IntPtr* h = handles)
        {
            return new Tensor(TensorNative.hn_tensor_cat(h, tensors.Count, dim));
        }
    }

    private static unsafe Tensor Random(ReadOnlySpan<long> shape, int kind, Device? device)
    {
        var d = device ?? Device.Cpu;
        fixed (long* s = shape)
        {
            return new Tensor(TensorNative.hn_tensor_random(s, shape.Length, kind, (int)DType.Float32, (int)d.Kind, d.Index));
        }
    }

    private static unsafe Tensor FromSpan<T>(ReadOnlySpan<T> data, ReadOnlySpan<long> shape, DType dtype, Device? device)
        where T : unmanaged
    {
        long count = 1;
        foreach (var n in shape)
        {
            count *= n;
        }

        if (count != data.Length)
        {
            throw new ArgumentException(
                $"Shape [{string.Join(", ", shape.ToArray())}] holds {count} elements but {data.Length} were given.");
        }

        var d = device ?? Device.Cpu;
        fixed (T* p = data)
        fixed (long* s = shape)
        {
            return new Tensor(TensorNative.hn_tensor_from_data(p, s, shape.Length, (int)dtype, (int)d.Kind, d.Index));
        }
    }
}
