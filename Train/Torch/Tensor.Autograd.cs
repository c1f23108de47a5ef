using Harness.Train.Torch.Native;

namespace Harness.Train.Torch;

/// <summary>Autograd: gradient tracking, backward and gradients.</summary>
public sealed partial class Tensor
{
    /// <summary>Whether autograd records operations on this tensor.</summary>
    public bool RequiresGrad
    {
        get => NativeError.Check(AutogradNative.hn_requires_grad(Handle)) == 1;
        set => NativeError.Check(AutogradNative.hn_set_requires_grad(Handle, value ? 1 : 0));
    }

    /// <summary>Back-propagates from this scalar into the gradients of every leaf that requires them.</summary>
    public void Backward() => NativeError.Check(AutogradNative.hn_backward(Handle));

    /// <summary>A new tensor sharing this leaf's accumulated gradient, or null when there is none.</summary>
    public unsafe Tensor? Grad()
    {
        IntPtr grad;
        NativeError.Check(AutogradNative.hn_grad(Handle, &grad));
        return grad == IntPtr.Zero ? null : new Tensor(grad);
    }

    /// <summary>Drops the accumulated gradient (set to none).</summary>
    public void ClearGrad() => NativeError.Check(AutogradNative.hn_clear_grad(Handle));
}
