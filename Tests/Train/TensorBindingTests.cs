using Harness.Train.Torch;
using NUnit.Framework;

namespace Harness.Tests.Train;

[TestFixture]
public sealed class TensorBindingTests
{
    [Test]
    public void ShapeErrorSurfacesAsManagedExceptionWithLibtorchsMessageAndProcessGoesOn()
    {
        using var a = Tensor.Zeros([2, 3]);
        using var b = Tensor.Zeros([4, 5]);

        var error = Assert.Throws<TorchException>(() => a.MatMul(b).Dispose());

        Assert.That(error!.Message, Does.Contain("cannot be multiplied").And.Contain("2x3").And.Contain("4x5"));
        Assert.That(error.Message, Does.Not.Contain("frame #"), "the C++ backtrace must be stripped");
        using var c = Tensor.Ones([3, 2]);
        using var product = a.MatMul(c);
        Assert.That(product.Shape, Is.EqualTo(new long[] { 2, 2 }), "libtorch keeps working after the error");
    }

    [Test]
    public void RoundTripsDataAndShape()
    {
        float[] data = [1, 2, 3, 4, 5, 6];
        using var t = Tensor.FromArray(data, [2, 3]);

        Assert.That(t.Shape, Is.EqualTo(new long[] { 2, 3 }));
        Assert.That(t.DType, Is.EqualTo(DType.Float32));
        Assert.That(t.Device, Is.EqualTo(Device.Cpu));
        Assert.That(t.ToFloatArray(), Is.EqualTo(data));
        using var sum = t.Sum([1]);
        Assert.That(sum.ToFloatArray(), Is.EqualTo(new float[] { 6, 15 }));
    }

    [Test]
    public void MismatchedDataLengthIsRejectedBeforeNativeCode()
    {
        Assert.Throws<ArgumentException>(() => Tensor.FromArray(new float[5], [2, 3]));
    }

    [Test]
    public void DisposedTensorCannotBeUsed()
    {
        var t = Tensor.Ones([2]);
        t.Dispose();
        Assert.Throws<ObjectDisposedException>(() => _ = t.Shape);
    }

    [Test]
    public void ScopeDisposesEveryTemporaryButTheOnesMovedOut()
    {
        var before = NativeTensors.SettledLiveCount();
        Tensor kept;
        using (TensorScope.Begin())
        {
            using var x = Tensor.Randn([4, 4]);
            var y = (x * 2 + 1).Relu();
            _ = y.Sum();
            kept = y.Mean().MoveToOuterScope();
        }

        Assert.That(NativeTensors.SettledLiveCount(), Is.EqualTo(before + 1));
        Assert.That(kept.IsDisposed, Is.False);
        kept.Dispose();
        Assert.That(NativeTensors.SettledLiveCount(), Is.EqualTo(before));
    }

    [Test]
    public void ManualSeedMakesRandomTensorsReproducible()
    {
        Torch.ManualSeed(7);
        using var a = Tensor.Randn([5]);
        Torch.ManualSeed(7);
        using var b = Tensor.Randn([5]);
        Assert.That(a.ToFloatArray(), Is.EqualTo(b.ToFloatArray()));
    }

    [Test]
    public void NoGradStopsRecording()
    {
        using var w = Tensor.Ones([3]);
        w.RequiresGrad = true;
        using (Torch.NoGrad())
        {
            using var y = w * 2;
            Assert.That(y.RequiresGrad, Is.False);
        }

        using var z = w * 2;
        Assert.That(z.RequiresGrad, Is.True);
    }

    [Test]
    public void BackwardGivesClosedFormGradient()
    {
        // d/dw sum(w²) = 2w.
        using var w = Tensor.FromArray([1f, -2f, 3f], [3]);
        w.RequiresGrad = true;
        using var loss = w.Square().Sum();
        loss.Backward();
        using var grad = w.Grad();
        Assert.That(grad!.ToFloatArray(), Is.EqualTo(new float[] { 2, -4, 6 }));
    }
}
