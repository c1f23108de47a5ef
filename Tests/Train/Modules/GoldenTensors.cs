using System.Text.Json;
using Harness.Tests.Golden;
using Harness.Train.Torch;
using NUnit.Framework;

namespace Harness.Tests.Train.Modules;

/// <summary>Reads the {"shape", "data"} tensors of Tests/Golden/modules_*.json (written by make_golden_modules.py).</summary>
internal static class GoldenTensors
{
    public static long[] Shape(this JsonElement tensor) => tensor.GetProperty("shape").Longs();

    public static float[] Data(this JsonElement tensor) => tensor.GetProperty("data").Floats();

    /// <summary>A float32 tensor holding the golden values (owned by the current scope).</summary>
    public static Tensor ToTensor(this JsonElement tensor) => Tensor.FromArray(tensor.Data(), tensor.Shape());

    /// <summary>Overwrites a parameter with golden values (outside autograd, as loading a state dict does).</summary>
    public static void Load(this Tensor parameter, JsonElement tensor)
    {
        Assert.That(parameter.Shape, Is.EqualTo(tensor.Shape()), "golden tensor shape");
        using var noGrad = Torch.NoGrad();
        parameter.CopyFrom(tensor.Data());
    }

    /// <summary>Fills a parameter with a constant (outside autograd).</summary>
    public static void Load(this Tensor parameter, double value)
    {
        using var noGrad = Torch.NoGrad();
        parameter.Fill(value);
    }
}
