using Harness.Train.Torch;

namespace Harness.Train.Modules;

/// <summary>
/// Flattens every dimension from <see cref="StartDim"/> on into one: [N, C, H, W] → [N, C·H·W] with the default
/// start 1 (PyTorch's nn.Flatten). Returns a view when the input is contiguous. No state.
/// </summary>
public sealed class Flatten : Module
{
    /// <summary>Flattens dimensions <paramref name="startDim"/>… (at least 0).</summary>
    public Flatten(int startDim = 1)
    {
        if (startDim < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(startDim), $"Flatten start dimension {startDim} must be >= 0.");
        }

        StartDim = startDim;
    }

    public int StartDim { get; }

    public override Tensor Forward(Tensor input)
    {
        var shape = input.Shape;
        if (shape.Length < StartDim)
        {
            throw new TorchException($"Flatten(start {StartDim}): input of shape [{string.Join(", ", shape)}] has too few dimensions.");
        }

        var kept = shape.Take(StartDim).ToList();
        kept.Add(shape.Skip(StartDim).Aggregate(1L, (a, b) => a * b));
        return input.Reshape(kept.ToArray());
    }
}
