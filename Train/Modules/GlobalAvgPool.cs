using Harness.Train.Torch;

namespace Harness.Train.Modules;

/// <summary>
/// Mean over each channel's whole plane: [N, C, H, W] → [N, C, 1, 1] (PyTorch's AdaptiveAvgPool2d(1), ONNX's
/// GlobalAveragePool). Follow it with <see cref="Flatten"/> to get [N, C]. No state.
/// </summary>
public sealed class GlobalAvgPool : Module
{
    public override Tensor Forward(Tensor input) => Functional.AdaptiveAvgPool2d(input, 1, 1);
}
