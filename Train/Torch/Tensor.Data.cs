using Harness.Train.Torch.Native;

namespace Harness.Train.Torch;

/// <summary>Shape, type and device queries, and copies between native and managed memory.</summary>
public sealed partial class Tensor
{
    /// <summary>The sizes of every dimension.</summary>
    public unsafe long[] Shape
    {
        get
        {
            Span<long> buffer = stackalloc long[16];
            int n;
            fixed (long* p = buffer)
            {
                n = NativeError.Check(TensorNative.hn_tensor_shape(Handle, p, buffer.Length));
            }

            return buffer[..n].ToArray();
        }
    }

    /// <summary>Number of dimensions.</summary>
    public int Dim => NativeError.Check(TensorNative.hn_tensor_ndim(Handle));

    /// <summary>Number of elements.</summary>
    public long NumEl => NativeError.Check(TensorNative.hn_tensor_numel(Handle));

    /// <summary>Element type.</summary>
    public DType DType => (DType)NativeError.Check(TensorNative.hn_tensor_dtype(Handle));

    /// <summary>The device the tensor lives on.</summary>
    public unsafe Device Device
    {
        get
        {
            int kind, index;
            NativeError.Check(TensorNative.hn_tensor_device(Handle, &kind, &index));
            return new Device((DeviceKind)kind, index);
        }
    }

    /// <summary>The value of a one-element tensor.</summary>
    public unsafe double Item()
    {
        double value;
        NativeError.Check(TensorNative.hn_tensor_item(Handle, &value));
        return value;
    }

    /// <summary>Copies the elements (row-major, converted to float32, from any device) into a new array.</summary>
    public float[] ToFloatArray()
    {
        var result = new float[NumEl];
        CopyTo(result.AsSpan());
        return result;
    }

    /// <summary>Copies the elements (converted to int64) into a new array.</summary>
    public unsafe long[] ToInt64Array()
    {
        var result = new long[NumEl];
        fixed (long* p = result)
        {
            NativeError.Check(TensorNative.hn_tensor_copy_to(Handle, p, result.Length, (int)DType.Int64));
        }

        return result;
    }

    /// <summary>Copies the elements (converted to float32) into <paramref name="destination"/>.</summary>
    public unsafe void CopyTo(Span<float> destination)
    {
        fixed (float* p = destination)
        {
            NativeError.Check(TensorNative.hn_tensor_copy_to(Handle, p, destination.Length, (int)DType.Float32));
        }
    }

    /// <summary>Overwrites the elements of this float32 tensor from host memory (any device).</summary>
    public unsafe void CopyFrom(ReadOnlySpan<float> source)
    {
        fixed (float* p = source)
        {
            NativeError.Check(TensorNative.hn_tensor_copy_from(Handle, p, source.Length, (int)DType.Float32));
        }
    }

    /// <summary>Overwrites the elements of this int64 tensor from host memory (any device).</summary>
    public unsafe void CopyFrom(ReadOnlySpan<long> source)
    {
        fixed (long* p = source)
        {
            NativeError.Check(TensorNative.hn_tensor_copy_from(Handle, p, source.Length, (int)DType.Int64));
        }
    }

    /// <summary>A copy converted to another element type and/or device.</summary>
    public Tensor To(DType dtype, Device device, bool nonBlocking = false) =>
        new(TensorNative.hn_tensor_to(Handle, (int)dtype, (int)device.Kind, device.Index, nonBlocking ? 1 : 0));

    public Tensor To(Device device, bool nonBlocking = false) => To(DType, device, nonBlocking);

    public Tensor To(DType dtype) => To(dtype, Device);

    /// <summary>
    /// Moves this tensor to another device in place, keeping it a leaf with the same requires-grad flag, so
    /// references held by modules and optimizers stay valid.
    /// </summary>
    public void MoveTo(Device device)
    {
        if (Device == device)
        {
            return;
        }

        var requiresGrad = RequiresGrad;
        var moved = TensorNative.hn_tensor_to(Handle, (int)DType, (int)device.Kind, device.Index, 0);
        var leaf = TensorNative.hn_tensor_detach(NativeError.Check(moved));
        ErrorNative.hn_tensor_free(moved);
        ReplaceHandle(leaf);
        RequiresGrad = requiresGrad;
    }

    /// <summary>A copy with its own storage.</summary>
    public Tensor Clone() => new(TensorNative.hn_tensor_clone(Handle));

    /// <summary>The same storage, cut off from autograd.</summary>
    public Tensor Detach() => new(TensorNative.hn_tensor_detach(Handle));

    public unsafe Tensor Reshape(params long[] shape)
    {
        fixed (long* s = shape)
        {
            return new Tensor(TensorNative.hn_tensor_reshape(Handle, s, shape.Length));
        }
    }

    public Tensor Transpose(long dim0, long dim1) => new(TensorNative.hn_tensor_transpose(Handle, dim0, dim1));

    /// <summary>Rows (along <paramref name="dim"/>) picked by an int64 index tensor.</summary>
    public Tensor IndexSelect(long dim, Tensor index) =>
        new(TensorNative.hn_tensor_index_select(Handle, dim, index.Handle));

    /// <summary>A view of <paramref name="length"/> entries from <paramref name="start"/> along a dimension.</summary>
    public Tensor Narrow(long dim, long start, long length) =>
        new(TensorNative.hn_tensor_narrow(Handle, dim, start, length));
}
