using Harness.Train.Torch.Native;
using Binary = Harness.Train.Torch.Native.OpsNative.Binary;
using Reduce = Harness.Train.Torch.Native.OpsNative.Reduce;
using Unary = Harness.Train.Torch.Native.OpsNative.Unary;

namespace Harness.Train.Torch;

/// <summary>Elementwise arithmetic, matrix products and reductions (each returns a new tensor).</summary>
public sealed partial class Tensor
{
    public static Tensor operator +(Tensor a, Tensor b) => BinaryOp(Binary.Add, a, b);
    public static Tensor operator -(Tensor a, Tensor b) => BinaryOp(Binary.Sub, a, b);
    public static Tensor operator *(Tensor a, Tensor b) => BinaryOp(Binary.Mul, a, b);
    public static Tensor operator /(Tensor a, Tensor b) => BinaryOp(Binary.Div, a, b);
    public static Tensor operator +(Tensor a, double s) => ScalarOp(Binary.Add, a, s);
    public static Tensor operator -(Tensor a, double s) => ScalarOp(Binary.Sub, a, s);
    public static Tensor operator *(Tensor a, double s) => ScalarOp(Binary.Mul, a, s);
    public static Tensor operator /(Tensor a, double s) => ScalarOp(Binary.Div, a, s);
    public static Tensor operator *(double s, Tensor a) => ScalarOp(Binary.Mul, a, s);
    public static Tensor operator +(double s, Tensor a) => ScalarOp(Binary.Add, a, s);
    public static Tensor operator -(Tensor a) => UnaryOp(Unary.Neg, a);

    public Tensor MatMul(Tensor other) => BinaryOp(Binary.MatMul, this, other);
    public Tensor Pow(double exponent) => ScalarOp(Binary.Pow, this, exponent);
    public Tensor Maximum(Tensor other) => BinaryOp(Binary.Maximum, this, other);
    public Tensor Minimum(Tensor other) => BinaryOp(Binary.Minimum, this, other);
    public Tensor Eq(Tensor other) => BinaryOp(Binary.Eq, this, other);
    public Tensor Lt(double value) => ScalarOp(Binary.Lt, this, value);
    public Tensor Gt(double value) => ScalarOp(Binary.Gt, this, value);

    public Tensor Exp() => UnaryOp(Unary.Exp, this);
    public Tensor Log() => UnaryOp(Unary.Log, this);
    public Tensor Sqrt() => UnaryOp(Unary.Sqrt, this);
    public Tensor Rsqrt() => UnaryOp(Unary.Rsqrt, this);
    public Tensor Abs() => UnaryOp(Unary.Abs, this);
    public Tensor Sign() => UnaryOp(Unary.Sign, this);
    public Tensor Relu() => UnaryOp(Unary.Relu, this);
    public Tensor Sigmoid() => UnaryOp(Unary.Sigmoid, this);
    public Tensor Tanh() => UnaryOp(Unary.Tanh, this);
    public Tensor Square() => UnaryOp(Unary.Square, this);
    public Tensor Gelu() => UnaryOp(Unary.Gelu, this);
    public Tensor Silu() => UnaryOp(Unary.Silu, this);

    public Tensor Clamp(double min, double max) => new(OpsNative.hn_clamp(Handle, min, max));

    /// <summary>Elementwise choice: <paramref name="a"/> where <paramref name="condition"/> holds, else <paramref name="b"/>.</summary>
    public static Tensor Where(Tensor condition, Tensor a, Tensor b) =>
        new(OpsNative.hn_where(condition.Handle, a.Handle, b.Handle));

    /// <summary>Sum of all elements, or over <paramref name="dims"/>.</summary>
    public Tensor Sum(params long[] dims) => ReduceOp(Reduce.Sum, dims, false);
    public Tensor Sum(long[] dims, bool keepDim) => ReduceOp(Reduce.Sum, dims, keepDim);
    public Tensor Mean(params long[] dims) => ReduceOp(Reduce.Mean, dims, false);
    public Tensor Mean(long[] dims, bool keepDim) => ReduceOp(Reduce.Mean, dims, keepDim);
    /// <summary>Unbiased variance of all elements, or over <paramref name="dims"/>.</summary>
    public Tensor Var(params long[] dims) => ReduceOp(Reduce.Var, dims, false);
    public Tensor Max(params long[] dims) => ReduceOp(Reduce.Max, dims, false);
    public Tensor Min(params long[] dims) => ReduceOp(Reduce.Min, dims, false);
    /// <summary>Euclidean norm of all elements, or over <paramref name="dims"/>.</summary>
    public Tensor Norm(params long[] dims) => ReduceOp(Reduce.Norm2, dims, false);
    public Tensor ArgMax(long dim, bool keepDim = false) => ReduceOp(Reduce.ArgMax, [dim], keepDim);

    private static Tensor UnaryOp(Unary op, Tensor a) => new(OpsNative.hn_unary((int)op, a.Handle));

    private static Tensor BinaryOp(Binary op, Tensor a, Tensor b) =>
        new(OpsNative.hn_binary((int)op, a.Handle, b.Handle));

    private static Tensor ScalarOp(Binary op, Tensor a, double s) =>
        new(OpsNative.hn_binary_scalar((int)op, a.Handle, s));

    private unsafe Tensor ReduceOp(Reduce op, long[] dims, bool keepDim)
    {
        fixed (long* d = dims)
        {
            return new Tensor(OpsNative.hn_reduce((int)op, Handle, d, dims.Length, keepDim ? 1 : 0));
        }
    }
}
