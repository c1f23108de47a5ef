using Harness.Train.Modules;

namespace Harness.Export.Exporting;

/// <summary>
/// A ResNet BasicBlock: conv1 → norm1 → Relu → [Dropout2d] → conv2 → norm2 → [DropPath] → Add(shortcut) → Relu,
/// the shortcut being the input or the downsample projection (conv1x1 + norm). BatchNorms fold into their convs
/// when folding is on. In the MC graph DropPath samples one keep/drop per sample on the residual branch only
/// (the shortcut always passes), as in training.
/// </summary>
internal static class BasicBlockEmitter
{
    public static string Emit(EmitContext context, BasicBlock block, string input, string name)
    {
        var graph = context.Graph;
        var node = EmitContext.NodeName(name, "block");
        var x = ConvNorm(context, block.Conv1, block.Norm1, input, EmitContext.Child(name, "conv1"), EmitContext.Child(name, "bn1"));
        x = graph.Relu(x, $"{node}.relu1");
        if (block.Dropout is { } dropout)
        {
            x = LayerEmitter.Emit(context, dropout, x, EmitContext.Child(name, "drop"));
        }

        x = ConvNorm(context, block.Conv2, block.Norm2, x, EmitContext.Child(name, "conv2"), EmitContext.Child(name, "bn2"));
        x = LayerEmitter.Emit(context, block.DropPath, x, EmitContext.Child(name, "drop_path"));
        var shortcut = block.Downsample is { } downsample
            ? LayerEmitter.Emit(context, downsample, input, EmitContext.Child(name, "downsample"))
            : input;
        var sum = graph.Add(x, shortcut, $"{node}.add");
        return graph.Relu(sum, $"{node}.relu2");
    }

    private static string ConvNorm(EmitContext context, Conv2d conv, Module? norm, string input, string convName, string normName)
    {
        if (norm is BatchNormBase bn && BatchNormFolding.CanFold(context, conv, bn, input))
        {
            return AffineEmitter.Emit(context, conv, bn, input, convName);
        }

        var x = AffineEmitter.Emit(context, conv, null, input, convName);
        return norm is null ? x : LayerEmitter.Emit(context, norm, x, normName);
    }
}
