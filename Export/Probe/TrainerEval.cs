using Harness.Train.Modules;
using Harness.Train.Torch;

namespace Harness.Export.Probe;

/// <summary>Runs a module in evaluation mode without gradients and puts every module's mode back afterwards.</summary>
public static class TrainerEval
{
    /// <summary>The eval-mode output of <paramref name="model"/> for a batch <paramref name="input"/> of shape
    /// <paramref name="shape"/> (on the model's device), copied to the CPU.</summary>
    public static float[] Forward(Module model, float[] input, long[] shape, out long[] outputShape)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(shape);
        var modes = model.NamedModules().Select(m => (m.Module, m.Module.IsTraining)).ToList();
        var device = model.Parameters().FirstOrDefault()?.Device;
        model.Eval();
        try
        {
            using var noGrad = Torch.NoGrad();
            using var scope = TensorScope.Begin();
            var output = model.Forward(Tensor.FromArray(input, shape, device));
            outputShape = output.Shape;
            return output.ToFloatArray();
        }
        finally
        {
            // NamedModules is depth first, parents before children: each call fixes one subtree, children after.
            foreach (var (module, training) in modes)
            {
                module.Train(training);
            }
        }
    }
}
