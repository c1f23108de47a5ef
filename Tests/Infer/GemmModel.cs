namespace Harness.Tests.Infer;

/// <summary>
/// The constants of Tests/Data/gemm.onnx (same literals as make_ort_test_models.py) and the closed form the tests
/// compare ONNX Runtime with. Weights are multiples of 1/4 and test inputs multiples of 1/2, so every product and
/// partial sum is exact in float32 whatever the summation order: results must match exactly.
/// </summary>
internal static class GemmModel
{
    public const int In = 4;
    public const int Out = 3;

    /// <summary>Exact comparison: see the class remarks for why no rounding can occur.</summary>
    public const float Tolerance = 0f;

    public static readonly float[,] W =
    {
        { 0.25f, -0.5f, 0.75f, 1.0f },
        { -1.0f, 0.5f, 0.25f, -0.25f },
        { 1.5f, 0.0f, -0.75f, 0.5f },
    };

    public static readonly float[] B = [0.5f, -1.0f, 0.25f];

    public static readonly Dictionary<string, string> Metadata = new()
    {
        ["harness.test.kind"] = "gemm",
        ["harness.test.note"] = "y = x W^T + b",
    };

    /// <summary>y[r, o] = Σ_i x[r, i]·W[o, i] + b[o], optionally followed by ReLU.</summary>
    public static float[] Expected(float[] x, int batch, bool relu = false)
    {
        var y = new float[batch * Out];
        for (var r = 0; r < batch; r++)
        {
            for (var o = 0; o < Out; o++)
            {
                var sum = B[o];
                for (var i = 0; i < In; i++)
                {
                    sum += x[(r * In) + i] * W[o, i];
                }

                y[(r * Out) + o] = relu ? Math.Max(sum, 0f) : sum;
            }
        }

        return y;
    }

    /// <summary>Deterministic inputs, multiples of 1/2 in [−4, 4], different for each <paramref name="salt"/>.</summary>
    public static float[] Inputs(int batch, int salt)
    {
        var x = new float[batch * In];
        for (var k = 0; k < x.Length; k++)
        {
            x[k] = (((k * 7) + (salt * 5) + 3) % 17 - 8) * 0.5f;
        }

        return x;
    }
}
