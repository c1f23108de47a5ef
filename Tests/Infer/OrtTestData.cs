using NUnit.Framework;

namespace Harness.Tests.Infer;

/// <summary>Paths of the tiny committed models (Tests/Data, written by make_ort_test_models.py).</summary>
internal static class OrtTestData
{
    public static string Folder => Path.Combine(TestContext.CurrentContext.TestDirectory, "Data");

    /// <summary>y = x·Wᵀ + b, x: [batch, 4], y: [batch, 3], with metadata (see <see cref="GemmModel"/>).</summary>
    public static string Gemm => Path.Combine(Folder, "gemm.onnx");

    /// <summary>y = Relu(x·Wᵀ + b), same W and b.</summary>
    public static string GemmRelu => Path.Combine(Folder, "gemm_relu.onnx");

    /// <summary>sum = a + b, diff = a − b, all [batch, 2].</summary>
    public static string AddSub => Path.Combine(Folder, "add_sub.onnx");

    /// <summary>y = Relu(x), x and y: [batch, features] (a second symbolic dimension).</summary>
    public static string ReluDynamic => Path.Combine(Folder, "relu_dynamic.onnx");
}
