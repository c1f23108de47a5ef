using Harness.Export.Onnx;
using Harness.Train.Modules;

namespace Harness.Export.Exporting;

/// <summary>
/// Linear → Gemm (transB = 1; MatMul + Add when the input is not [N, in]), Conv2d → Conv, DropConnectLinear → its
/// Linear, or in the MC graph a Gemm over the weight times a sampled mask. A BatchNorm given here is folded into
/// the weight and bias (<see cref="BatchNormFolding"/>).
/// </summary>
internal static class AffineEmitter
{
    public static string Emit(EmitContext context, Module module, BatchNormBase? bn, string input, string name) =>
        module switch
        {
            Conv2d conv => Conv(context, conv, bn, input, name),
            Linear linear => Dense(context, linear.Weight.ToFloatArray(), linear.Bias?.ToFloatArray(),
                linear.OutFeatures, linear.InFeatures, bn, input, name, dropConnect: 0),
            DropConnectLinear linear => Dense(context, linear.Weight.ToFloatArray(), linear.Bias?.ToFloatArray(),
                linear.OutFeatures, linear.InFeatures, bn, input, name,
                dropConnect: context.Samples(DropoutKinds.DropConnect, linear.P) ? linear.P : 0),
            _ => throw EmitContext.Unsupported(name, module, "it is not an affine layer."),
        };

    private static string Conv(EmitContext context, Conv2d conv, BatchNormBase? bn, string input, string name)
    {
        var weight = conv.Weight.ToFloatArray();
        var bias = conv.Bias?.ToFloatArray();
        if (bn is not null)
        {
            (weight, bias) = BatchNormFolding.Fold(weight, bias, bn);
        }

        return context.Graph.Conv(input, weight,
            [conv.OutChannels, conv.InChannels / conv.Groups, conv.KernelSize.H, conv.KernelSize.W], bias,
            strides: [conv.Stride.H, conv.Stride.W],
            pads: [conv.Padding.H, conv.Padding.W, conv.Padding.H, conv.Padding.W],
            dilations: [conv.Dilation.H, conv.Dilation.W], group: conv.Groups,
            name: EmitContext.NodeName(name, "conv"));
    }

    private static string Dense(EmitContext context, float[] weight, float[]? bias, long outFeatures, long inFeatures,
        BatchNormBase? bn, string input, string name, double dropConnect)
    {
        var graph = context.Graph;
        var node = EmitContext.NodeName(name, "linear");
        if (bn is not null)
        {
            (weight, bias) = BatchNormFolding.Fold(weight, bias, bn);
        }

        var rankTwo = context.ShapeOf(input, node).Length == 2;
        if (dropConnect == 0 && rankTwo)
        {
            return graph.Gemm(input, weight, (int)outFeatures, (int)inFeatures, bias, node);
        }

        string y;
        var biasValue = bias is null ? null : graph.AddInitializer(graph.UniqueValueName($"{node}.bias"), bias, [outFeatures]);
        if (dropConnect == 0)
        {
            // [..., in] · Wᵀ: store Wᵀ [in, out] so MatMul needs no Transpose node.
            var transposed = new float[weight.Length];
            for (var o = 0; o < outFeatures; o++)
            {
                for (var i = 0; i < inFeatures; i++)
                {
                    transposed[i * outFeatures + o] = weight[o * inFeatures + i];
                }
            }

            var weightT = graph.AddInitializer(graph.UniqueValueName($"{node}.weight_t"), transposed, [inFeatures, outFeatures]);
            y = graph.MatMul(input, weightT, $"{node}.matmul");
            return biasValue is null ? y : graph.Add(y, biasValue, node);
        }

        // DropConnect (MC graph): one mask over the weight per forward pass, shared by the batch, as in training.
        var w = graph.AddInitializer(graph.UniqueValueName($"{node}.weight"), weight, [outFeatures, inFeatures]);
        var masked = McMasks.Apply(context, w, w, dropConnect, $"{node}.dropconnect");
        context.Sites.Add(new McDropoutSite(node, DropoutKinds.DropConnect, dropConnect,
            $"[{outFeatures}, {inFeatures}] on the weight, shared by the batch"));
        if (rankTwo)
        {
            return graph.Gemm(input, masked, biasValue, node);
        }

        y = graph.MatMul(input, graph.Transpose(masked, [1, 0], $"{node}.transpose"), $"{node}.matmul");
        return biasValue is null ? y : graph.Add(y, biasValue, node);
    }
}
