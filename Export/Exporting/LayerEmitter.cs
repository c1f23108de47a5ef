using Harness.Train.Modules;

namespace Harness.Export.Exporting;

/// <summary>
/// Emits the ONNX nodes of one module and returns the name of its output value: every layer in inference form
/// (normalization on running statistics); dropout vanishes from the deployment graph and samples an explicit mask
/// in the MC-dropout graph. Node and initializer names follow the module's state names ("0", "stages.0.1", so
/// initializers read "0.weight", "1.running_mean"). One emitter class per layer family.
/// </summary>
internal static class LayerEmitter
{
    /// <exception cref="NotSupportedException">A layer Export does not know, or one that cannot be written at
    /// the graph's opset with the chosen settings; the message names the layer.</exception>
    public static string Emit(EmitContext context, Module module, string input, string name) => module switch
    {
        Sequential sequential => SequentialEmitter.Emit(context, sequential, input, name),
        BasicBlock block => BasicBlockEmitter.Emit(context, block, input, name),
        Linear or DropConnectLinear or Conv2d => AffineEmitter.Emit(context, module, null, input, name),
        BatchNormBase bn => NormalizationEmitter.BatchNorm(context, bn, input, name),
        LayerNorm ln => NormalizationEmitter.LayerNorm(context, ln, input, name),
        RMSNorm rms => NormalizationEmitter.RmsNorm(context, rms, input, name),
        GroupNorm gn => NormalizationEmitter.GroupNorm(context, gn, input, name),
        ReLU => context.Graph.Relu(input, EmitContext.NodeName(name, "relu")),
        MaxPool2d or AvgPool2d or GlobalAvgPool or Flatten => ShapeLayerEmitter.Emit(context, module, input, name),
        Dropout or Dropout2d or DropPath => DropoutEmitter.Emit(context, module, input, name),
        _ => throw EmitContext.Unsupported(name, module, "Export does not know this layer type."),
    };
}
