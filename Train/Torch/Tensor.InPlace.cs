using Harness.Train.Torch.Native;
using Binary = Harness.Train.Torch.Native.OpsNative.Binary;

namespace Harness.Train.Torch;

/// <summary>In-place updates (optimizers, constraints, running statistics). Each returns this tensor.</summary>
public sealed partial class Tensor
{
    /// <summary>this += alpha · other.</summary>
    public Tensor AddInPlace(Tensor other, double alpha = 1) => InPlace(Binary.Add, other, alpha);

    /// <summary>this −= alpha · other.</summary>
    public Tensor SubInPlace(Tensor other, double alpha = 1) => InPlace(Binary.Sub, other, alpha);

    /// <summary>this *= other (elementwise, broadcast).</summary>
    public Tensor MulInPlace(Tensor other) => InPlace(Binary.Mul, other, 1);

    /// <summary>this /= other (elementwise, broadcast).</summary>
    public Tensor DivInPlace(Tensor other) => InPlace(Binary.Div, other, 1);

    public Tensor AddInPlace(double value) => InPlace(Binary.Add, value);

    public Tensor MulInPlace(double value) => InPlace(Binary.Mul, value);

    public Tensor DivInPlace(double value) => InPlace(Binary.Div, value);

    /// <summary>this += value · t1 · t2.</summary>
    public Tensor AddcmulInPlace(Tensor t1, Tensor t2, double value)
    {
        NativeError.Check(OpsNative.hn_inplace_addcmul(Handle, t1.Handle, t2.Handle, value));
        return this;
    }

    /// <summary>this += value · t1 / t2.</summary>
    public Tensor AddcdivInPlace(Tensor t1, Tensor t2, double value)
    {
        NativeError.Check(OpsNative.hn_inplace_addcdiv(Handle, t1.Handle, t2.Handle, value));
        return this;
    }

    /// <summary>Copies <paramref name="source"/>'s values into this tensor (broadcast, converted).</summary>
    public Tensor CopyFrom(Tensor source)
    {
        NativeError.Check(OpsNative.hn_inplace_copy(Handle, source.Handle));
        return this;
    }

    public Tensor Fill(double value)
    {
        NativeError.Check(OpsNative.hn_inplace_fill(Handle, value));
        return this;
    }

    public Tensor ClampInPlace(double min, double max)
    {
        NativeError.Check(OpsNative.hn_inplace_clamp(Handle, min, max));
        return this;
    }

    private Tensor InPlace(Binary op, Tensor other, double alpha)
    {
        NativeError.Check(OpsNative.hn_inplace_binary((int)op, Handle, other.Handle, alpha));
        return this;
    }

    private Tensor InPlace(Binary op, double value)
    {
        NativeError.Check(OpsNative.hn_inplace_scalar((int)op, Handle, value));
        return this;
    }
}
