using Harness.Train.Modules;

namespace Harness.Export.Exporting;

/// <summary>
/// Pooling and flattening. MaxPool2d → MaxPool and AvgPool2d → AveragePool with PyTorch's semantics (floor mode,
/// symmetric padding, count_include_pad = 1 as PyTorch's default); GlobalAvgPool → GlobalAveragePool;
/// Flatten(1) → Flatten(axis 1), any other start → Reshape to [0, …, 0, −1].
/// </summary>
internal static class ShapeLayerEmitter
{
    public static string Emit(EmitContext context, Module module, string input, string name)
    {
        var graph = context.Graph;
        switch (module)
        {
            case MaxPool2d pool:
                return graph.MaxPool(input, [pool.KernelSize, pool.KernelSize], [pool.Stride, pool.Stride],
                    [pool.Padding, pool.Padding, pool.Padding, pool.Padding], EmitContext.NodeName(name, "maxpool"));
            case AvgPool2d pool:
                return graph.AveragePool(input, [pool.KernelSize, pool.KernelSize], [pool.Stride, pool.Stride],
                    [pool.Padding, pool.Padding, pool.Padding, pool.Padding], countIncludePad: true,
                    name: EmitContext.NodeName(name, "avgpool"));
            case GlobalAvgPool:
                return graph.GlobalAveragePool(input, EmitContext.NodeName(name, "globalavgpool"));
            case Flatten flatten:
                var node = EmitContext.NodeName(name, "flatten");
                var rank = context.ShapeOf(input, node).Length;
                if (flatten.StartDim > rank)
                {
                    throw EmitContext.Unsupported(name, flatten, $"start dimension {flatten.StartDim} exceeds the input rank {rank}.");
                }

                return flatten.StartDim == 1 && rank >= 2
                    ? graph.Flatten(input, 1, node)
                    : graph.Reshape(input, [.. Enumerable.Repeat(0L, flatten.StartDim), -1], node);
            default:
                throw EmitContext.Unsupported(name, module, "it is not a pooling or flattening layer.");
        }
    }
}
