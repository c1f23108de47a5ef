using Harness.Train.Torch;

namespace Harness.Train.Regularization;

/// <summary>Gradient clipping by global norm and by value, applied to the parameters' accumulated gradients.</summary>
public static class GradientClipping
{
    /// <summary>
    /// torch.nn.utils.clip_grad_norm_ (2-norm): the total norm is the 2-norm of all gradients together; when
    /// max_norm / (total + 1e-6) &lt; 1 every gradient is scaled by that factor. Returns the total norm before
    /// clipping. Parameters without a gradient are skipped; with none at all the result is 0.
    /// </summary>
    public static double ClipByGlobalNorm(IEnumerable<Tensor> parameters, double maxNorm)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (!(maxNorm > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(maxNorm), $"Gradient clipping max_norm = {maxNorm}: must be positive.");
        }

        var grads = Grads(parameters);
        try
        {
            if (grads.Count == 0)
            {
                return 0;
            }

            using var noGrad = Torch.Torch.NoGrad();
            var norms = new List<Tensor>(grads.Count);
            try
            {
                foreach (var g in grads)
                {
                    using var n = g.Norm();
                    norms.Add(n.Reshape(1));
                }

                using var all = Tensor.Cat(norms);
                using var totalTensor = all.Norm();
                var total = totalTensor.Item();
                var coefficient = maxNorm / (total + 1e-6);
                if (coefficient < 1)
                {
                    foreach (var g in grads)
                    {
                        g.MulInPlace(coefficient);
                    }
                }

                return total;
            }
            finally
            {
                norms.ForEach(n => n.Dispose());
            }
        }
        finally
        {
            grads.ForEach(g => g.Dispose());
        }
    }

    /// <summary>torch.nn.utils.clip_grad_value_: clamps every gradient element into [−clipValue, clipValue].</summary>
    public static void ClipByValue(IEnumerable<Tensor> parameters, double clipValue)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (!(clipValue > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(clipValue), $"Gradient clip value = {clipValue}: must be positive.");
        }

        var grads = Grads(parameters);
        using var noGrad = Torch.Torch.NoGrad();
        foreach (var g in grads)
        {
            g.ClampInPlace(-clipValue, clipValue);
            g.Dispose();
        }
    }

    private static List<Tensor> Grads(IEnumerable<Tensor> parameters)
    {
        var grads = new List<Tensor>();
        foreach (var p in parameters)
        {
            var g = p.Grad();
            if (g is not null)
            {
                grads.Add(g);
            }
        }

        return grads;
    }
}
