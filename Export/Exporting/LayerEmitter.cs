using Harness.Export.Onnx;
using Harness.Train.Modules;

namespace Harness.Export.Exporting;

/// <summary>
/// Emits the ONNX nodes of one module in inference form and returns the name of its output value. Node names
/// follow the module's state names ("0", "1", …), so initializers read "0.weight", "1.running_mean".
/// </summary>
internal static class LayerEmitter
{
    public static string Emit(OnnxGraphBuilder graph, Module module, string input, string name) => module switch
    {
        Sequential sequential => EmitSequential(graph, sequential, input, name),
        Linear linear => graph.Gemm(input, linear.Weight.ToFloatArray(), (int)linear.OutFeatures,
            (int)linear.InFeatures, linear.Bias?.ToFloatArray(), NodeName(name, "linear")),
        BatchNorm1d bn => graph.BatchNormalization(input, bn.Weight.ToFloatArray(), bn.Bias.ToFloatArray(),
            bn.RunningMean.ToFloatArray(), bn.RunningVar.ToFloatArray(), (float)bn.Eps,
            OnnxGraphBuilder.OnnxMomentumFromTorch((float)bn.Momentum), NodeName(name, "batchnorm")),
        ReLU => graph.Relu(input, NodeName(name, "relu")),
        Dropout => input, // identity at inference: the deployment graph has no dropout at all
        _ => throw new NotSupportedException(
            $"Export does not know layer '{name}' ({module.GetType().Name}) yet."),
    };

    private static string EmitSequential(OnnxGraphBuilder graph, Sequential sequential, string input, string name)
    {
        var x = input;
        foreach (var (child, layer) in sequential.Children)
        {
            x = Emit(graph, layer, x, name.Length == 0 ? child : $"{name}.{child}");
        }

        return x;
    }

    private static string NodeName(string name, string fallback) => name.Length == 0 ? fallback : name;
}
