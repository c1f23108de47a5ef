namespace Harness.Infer.Ort;

/// <summary>The allocating single-shot run, for checks and tools (not for hot paths).</summary>
public sealed partial class OrtSession
{
    /// <summary>
    /// Runs a single-input float model once on <paramref name="input"/> shaped <paramref name="shape"/> and returns
    /// a copy of its first output. Allocates; use <see cref="OrtRunner"/> in loops.
    /// </summary>
    public float[] RunOnce(float[] input, long[] shape) => RunOnce(input, shape, out _);

    /// <summary>As <see cref="RunOnce(float[], long[])"/>, also returning the shape ORT gave the output.</summary>
    /// <exception cref="InvalidOperationException">The model does not have exactly one input.</exception>
    /// <exception cref="ArgumentException"><paramref name="input"/> does not hold the elements <paramref name="shape"/> needs.</exception>
    /// <exception cref="OrtException">ORT refused the input or failed while running.</exception>
    public unsafe float[] RunOnce(float[] input, long[] shape, out long[] outputShape)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(shape);
        ObjectDisposedException.ThrowIf(Handle.IsClosed, this);
        if (Inputs.Count != 1)
        {
            throw new InvalidOperationException(
                $"RunOnce needs a model with exactly one input; {Source} has {Inputs.Count}: {string.Join("; ", Inputs)}.");
        }

        RequireFloat(Inputs[0]);
        RequireFloat(Outputs[0]);
        var expected = OrtShapes.ElementCount(shape, Inputs[0].Name);
        if (expected != input.Length)
        {
            throw new ArgumentException(
                $"Input '{Inputs[0].Name}' shaped [{string.Join(", ", shape)}] needs {expected} floats; got {input.Length}.",
                nameof(input));
        }

        using var memoryInfo = OrtCpuMemory.Create();
        var inputName = Utf8Z.Encode(Inputs[0].Name);
        var outputName = Utf8Z.Encode(Outputs[0].Name);
        fixed (float* data = input)
        fixed (byte* inName = inputName)
        fixed (byte* outName = outputName)
        {
            using var inputValue = OrtApi.CreateTensorWithData(
                memoryInfo.DangerousGetHandle(), data, (nuint)input.Length * sizeof(float), shape, OrtElementType.Float);
            var inValue = inputValue.DangerousGetHandle();
            nint outValue = 0;
            byte* inNamePtr = inName;
            byte* outNamePtr = outName;
            OrtApi.Run(Handle.DangerousGetHandle(), 0, &inNamePtr, &inValue, 1, &outNamePtr, 1, &outValue);
            using var outputValue = new OrtValueHandle(outValue);
            return CopyFloatTensor(outValue, Outputs[0].Name, out outputShape);
        }
    }

    private static unsafe float[] CopyFloatTensor(nint value, string name, out long[] shape)
    {
        var info = OrtApi.GetTensorTypeAndShape(value);
        long count;
        try
        {
            var type = (OrtElementType)OrtApi.GetTensorElementType(info);
            if (type != OrtElementType.Float)
            {
                throw new NotSupportedException($"Output '{name}' is {type}; only float tensors are supported.");
            }

            shape = OrtApi.GetDimensions(info);
            count = OrtApi.GetTensorShapeElementCount(info);
        }
        finally
        {
            OrtApi.ReleaseTensorTypeAndShapeInfo(info);
        }

        var result = new float[checked((int)count)];
        if (count > 0)
        {
            new ReadOnlySpan<float>(OrtApi.GetTensorMutableData(value), result.Length).CopyTo(result);
        }

        return result;
    }

    private void RequireFloat(OrtTensorInfo info)
    {
        if (info.ElementType != OrtElementType.Float)
        {
            throw new NotSupportedException(
                $"The model {Source} has {info}; this path supports float tensors only.");
        }
    }
}
