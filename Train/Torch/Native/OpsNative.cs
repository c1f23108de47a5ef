using System.Runtime.InteropServices;

namespace Harness.Train.Torch.Native;

/// <summary>P/Invoke declarations for Native/src/ops.cpp. Op codes mirror the enums in harness_torch.h.</summary>
internal static unsafe partial class OpsNative
{
    static OpsNative() => TorchLibraryLoader.EnsureRegistered();

    internal enum Unary
    {
        Neg = 0, Exp = 1, Log = 2, Sqrt = 3, Abs = 4, Sign = 5, Relu = 6, Sigmoid = 7, Tanh = 8, Square = 9,
        Rsqrt = 10, Gelu = 11, Silu = 12,
    }

    internal enum Binary
    {
        Add = 0, Sub = 1, Mul = 2, Div = 3, Pow = 4, Maximum = 5, Minimum = 6, Eq = 7, Lt = 8, Gt = 9, MatMul = 10,
    }

    internal enum Reduce
    {
        Sum = 0, Mean = 1, Max = 2, Min = 3, ArgMax = 4, Norm2 = 5, Var = 6,
    }

    [LibraryImport(NativeLibraryNames.Torch)]
    internal static partial IntPtr hn_unary(int op, IntPtr a);

    [LibraryImport(NativeLibraryNames.Torch)]
    internal static partial IntPtr hn_binary(int op, IntPtr a, IntPtr b);

    [LibraryImport(NativeLibraryNames.Torch)]
    internal static partial IntPtr hn_binary_scalar(int op, IntPtr a, double scalar);

    [LibraryImport(NativeLibraryNames.Torch)]
    internal static partial IntPtr hn_reduce(int op, IntPtr a, long* dims, int ndims, int keepdim);

    [LibraryImport(NativeLibraryNames.Torch)]
    internal static partial IntPtr hn_clamp(IntPtr a, double min, double max);

    [LibraryImport(NativeLibraryNames.Torch)]
    internal static partial IntPtr hn_where(IntPtr condition, IntPtr a, IntPtr b);

    [LibraryImport(NativeLibraryNames.Torch)]
    internal static partial int hn_inplace_binary(int op, IntPtr self, IntPtr other, double alpha);

    [LibraryImport(NativeLibraryNames.Torch)]
    internal static partial int hn_inplace_scalar(int op, IntPtr self, double scalar);

    [LibraryImport(NativeLibraryNames.Torch)]
    internal static partial int hn_inplace_addcmul(IntPtr self, IntPtr t1, IntPtr t2, double value);

    [LibraryImport(NativeLibraryNames.Torch)]
    internal static partial int hn_inplace_addcdiv(IntPtr self, IntPtr t1, IntPtr t2, double value);

    [LibraryImport(NativeLibraryNames.Torch)]
    internal static partial int hn_inplace_copy(IntPtr self, IntPtr source);

    [LibraryImport(NativeLibraryNames.Torch)]
    internal static partial int hn_inplace_fill(IntPtr self, double value);

    [LibraryImport(NativeLibraryNames.Torch)]
    internal static partial int hn_inplace_clamp(IntPtr self, double min, double max);
}
