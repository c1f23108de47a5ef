using System.Runtime.InteropServices;

namespace Harness.Train.Torch.Native;

/// <summary>P/Invoke declarations for Native/src/tensor.cpp.</summary>
internal static unsafe partial class TensorNative
{
    static TensorNative() => TorchLibraryLoader.EnsureRegistered();

    [LibraryImport(NativeLibraryNames.Torch)]
    internal static partial IntPtr hn_tensor_from_data(void* data, long* shape, int ndim, int dtype, int deviceType, int deviceIndex);

    [LibraryImport(NativeLibraryNames.Torch)]
    internal static partial IntPtr hn_tensor_full(long* shape, int ndim, double value, int dtype, int deviceType, int deviceIndex);

    [LibraryImport(NativeLibraryNames.Torch)]
    internal static partial IntPtr hn_tensor_random(long* shape, int ndim, int kind, int dtype, int deviceType, int deviceIndex);

    [LibraryImport(NativeLibraryNames.Torch)]
    internal static partial IntPtr hn_tensor_arange(long end, int dtype, int deviceType, int deviceIndex);

    [LibraryImport(NativeLibraryNames.Torch)]
    internal static partial IntPtr hn_tensor_randperm(long n, int deviceType, int deviceIndex);

    [LibraryImport(NativeLibraryNames.Torch)]
    internal static partial int hn_tensor_copy_to(IntPtr t, void* dst, long numel, int dtype);

    [LibraryImport(NativeLibraryNames.Torch)]
    internal static partial int hn_tensor_copy_from(IntPtr t, void* src, long numel, int dtype);

    [LibraryImport(NativeLibraryNames.Torch)]
    internal static partial int hn_tensor_ndim(IntPtr t);

    [LibraryImport(NativeLibraryNames.Torch)]
    internal static partial int hn_tensor_shape(IntPtr t, long* shape, int capacity);

    [LibraryImport(NativeLibraryNames.Torch)]
    internal static partial long hn_tensor_numel(IntPtr t);

    [LibraryImport(NativeLibraryNames.Torch)]
    internal static partial int hn_tensor_dtype(IntPtr t);

    [LibraryImport(NativeLibraryNames.Torch)]
    internal static partial int hn_tensor_device(IntPtr t, int* deviceType, int* deviceIndex);

    [LibraryImport(NativeLibraryNames.Torch)]
    internal static partial int hn_tensor_item(IntPtr t, double* value);

    [LibraryImport(NativeLibraryNames.Torch)]
    internal static partial IntPtr hn_tensor_to(IntPtr t, int dtype, int deviceType, int deviceIndex, int nonBlocking);

    [LibraryImport(NativeLibraryNames.Torch)]
    internal static partial IntPtr hn_tensor_clone(IntPtr t);

    [LibraryImport(NativeLibraryNames.Torch)]
    internal static partial IntPtr hn_tensor_detach(IntPtr t);

    [LibraryImport(NativeLibraryNames.Torch)]
    internal static partial IntPtr hn_tensor_reshape(IntPtr t, long* shape, int ndim);

    [LibraryImport(NativeLibraryNames.Torch)]
    internal static partial IntPtr hn_tensor_transpose(IntPtr t, long dim0, long dim1);

    [LibraryImport(NativeLibraryNames.Torch)]
    internal static partial IntPtr hn_tensor_index_select(IntPtr t, long dim, IntPtr index);

    [LibraryImport(NativeLibraryNames.Torch)]
    internal static partial IntPtr hn_tensor_narrow(IntPtr t, long dim, long start, long length);

    [LibraryImport(NativeLibraryNames.Torch)]
    internal static partial IntPtr hn_tensor_cat(IntPtr* tensors, int count, long dim);
}
