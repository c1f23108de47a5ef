using Harness.Export.Onnx;
using Harness.Train.Modules;

namespace Harness.Export.Exporting;

/// <summary>
/// Normalization layers in inference form. BatchNorm → BatchNormalization on the running statistics (when not
/// folded into the layer before). LayerNorm → LayerNormalization from opset 17, below it ReduceMean/Sub/Mul/
/// Add/Sqrt/Div. RMSNorm → RMSNormalization when <see cref="GraphExportSettings.NativeRmsNorm"/> asks for it
/// (opset 23), else x · 1/√(ReduceMean(x²) + ε) · weight. GroupNorm → always decomposed (Reshape to [N, G, −1],
/// per-group mean and biased variance, Reshape back, per-channel affine): GroupNormalization-18 scaled per group
/// instead of per channel (fixed in opset 21), and decomposing keeps every opset from 13 on.
/// </summary>
internal static class NormalizationEmitter
{
    public static string BatchNorm(EmitContext context, BatchNormBase bn, string input, string name) =>
        context.Graph.BatchNormalization(input, bn.Weight.ToFloatArray(), bn.Bias.ToFloatArray(),
            bn.RunningMean.ToFloatArray(), bn.RunningVar.ToFloatArray(), (float)bn.Eps,
            OnnxGraphBuilder.OnnxMomentumFromTorch((float)bn.Momentum), EmitContext.NodeName(name, "batchnorm"));

    public static string LayerNorm(EmitContext context, LayerNorm ln, string input, string name)
    {
        var graph = context.Graph;
        var node = EmitContext.NodeName(name, "layernorm");
        var weight = ln.Weight?.ToFloatArray();
        var bias = ln.Bias?.ToFloatArray();
        if (context.Opset >= 17)
        {
            var count = (int)OnnxTensors.ElementCount(ln.NormalizedShape);
            return graph.LayerNormalization(input, weight ?? Enumerable.Repeat(1f, count).ToArray(), bias,
                ln.NormalizedShape, (float)ln.Eps, node);
        }

        var axes = TrailingAxes(context, input, ln.NormalizedShape, node);
        var mean = graph.ReduceMean(input, axes, keepDims: true, name: $"{node}.mean");
        var centred = graph.Sub(input, mean, $"{node}.centre");
        var variance = graph.ReduceMean(graph.Mul(centred, centred, $"{node}.square"), axes, keepDims: true,
            name: $"{node}.variance");
        var std = graph.Sqrt(graph.Add(variance, graph.AddScalar($"{node}.eps", (float)ln.Eps), $"{node}.add_eps"),
            $"{node}.std");
        var y = graph.Div(centred, std, weight is null && bias is null ? node : $"{node}.normalize");
        return Affine(graph, y, weight, bias, ln.NormalizedShape, node);
    }

    public static string RmsNorm(EmitContext context, RMSNorm rms, string input, string name)
    {
        var graph = context.Graph;
        var node = EmitContext.NodeName(name, "rmsnorm");
        var weight = rms.Weight?.ToFloatArray();
        if (context.Settings.NativeRmsNorm)
        {
            if (context.Opset < 23)
            {
                throw EmitContext.Unsupported(name, rms,
                    $"RMSNormalization needs opset 23, the export asks for opset {context.Opset}. " +
                    "Export at opset 23 or turn NativeRmsNorm off to write the decomposition.");
            }

            var count = (int)OnnxTensors.ElementCount(rms.NormalizedShape);
            return graph.RmsNormalization(input, weight ?? Enumerable.Repeat(1f, count).ToArray(),
                rms.NormalizedShape, (float)rms.Eps, node);
        }

        var axes = TrailingAxes(context, input, rms.NormalizedShape, node);
        var meanSquare = graph.ReduceMean(graph.Mul(input, input, $"{node}.square"), axes, keepDims: true,
            name: $"{node}.mean_square");
        var rmsValue = graph.Sqrt(graph.Add(meanSquare, graph.AddScalar($"{node}.eps", (float)rms.Eps),
            $"{node}.add_eps"), $"{node}.rms");
        var y = graph.Mul(input, graph.Reciprocal(rmsValue, $"{node}.inverse_rms"),
            weight is null ? node : $"{node}.normalize");
        return Affine(graph, y, weight, null, rms.NormalizedShape, node);
    }

    public static string GroupNorm(EmitContext context, GroupNorm gn, string input, string name)
    {
        var graph = context.Graph;
        var node = EmitContext.NodeName(name, "groupnorm");
        var shape = context.ShapeOf(input, node);
        var unknown = shape.Skip(1).Count(d => !d.IsFixed);
        if (shape.Length < 2 || unknown > 1)
        {
            throw EmitContext.Unsupported(name, gn,
                $"its input shape [{string.Join(", ", shape)}] needs fixed sizes after the batch (at most one unknown).");
        }

        long[] back = [0, .. shape.Skip(1).Select(d => d.Value ?? -1)];
        var grouped = graph.Reshape(input, [0, gn.Groups, -1], $"{node}.group");
        var mean = graph.ReduceMean(grouped, [2], keepDims: true, name: $"{node}.mean");
        var centred = graph.Sub(grouped, mean, $"{node}.centre");
        var variance = graph.ReduceMean(graph.Mul(centred, centred, $"{node}.square"), [2], keepDims: true,
            name: $"{node}.variance");
        var std = graph.Sqrt(graph.Add(variance, graph.AddScalar($"{node}.eps", (float)gn.Eps), $"{node}.add_eps"),
            $"{node}.std");
        var normalized = graph.Div(centred, std, $"{node}.normalize");
        var weight = gn.Weight?.ToFloatArray();
        var bias = gn.Bias?.ToFloatArray();
        var y = graph.Reshape(normalized, back, weight is null && bias is null ? node : $"{node}.ungroup");
        // Per-channel affine: [C, 1, …, 1] broadcasts over [N, C, spatial…].
        long[] perChannel = [gn.Channels, .. Enumerable.Repeat(1L, shape.Length - 2)];
        return Affine(graph, y, weight, bias, perChannel, node);
    }

    private static string Affine(
        OnnxGraphBuilder graph, string y, float[]? weight, float[]? bias, IReadOnlyList<long> shape, string node)
    {
        if (weight is not null)
        {
            var w = graph.AddInitializer(graph.UniqueValueName($"{node}.weight"), weight, shape);
            y = graph.Mul(y, w, bias is null ? node : $"{node}.scale");
        }

        if (bias is not null)
        {
            var b = graph.AddInitializer(graph.UniqueValueName($"{node}.bias"), bias, shape);
            y = graph.Add(y, b, node);
        }

        return y;
    }

    private static long[] TrailingAxes(EmitContext context, string input, long[] normalizedShape, string node)
    {
        var rank = context.ShapeOf(input, node).Length;
        return Enumerable.Range(rank - normalizedShape.Length, normalizedShape.Length).Select(a => (long)a).ToArray();
    }
}
