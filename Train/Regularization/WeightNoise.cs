using Harness.Train.Torch;

namespace Harness.Train.Regularization;

/// <summary>
/// Additive Gaussian weight noise (Graves 2011; An 1996): the forward and backward passes of a step run at
/// perturbed weights θ + N(0, σ²) while the update applies to the clean weights. Use:
/// <c>using (noise.Perturb(params)) { forward; backward; }</c> then the optimizer step.
/// </summary>
public sealed class WeightNoise
{
    public WeightNoise(double std)
    {
        if (!(std > 0) || double.IsInfinity(std))
        {
            throw new ArgumentOutOfRangeException(nameof(std), $"Weight noise std = {std}: must be a positive number.");
        }

        Std = std;
    }

    public double Std { get; }

    /// <summary>
    /// Adds fresh noise to every parameter in place (libtorch's generator) and returns a handle whose disposal
    /// restores the exact clean values (kept as copies, not by subtracting the noise).
    /// </summary>
    public IDisposable Perturb(IEnumerable<Tensor> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var saved = new List<(Tensor Parameter, Tensor Clean)>();
        using var noGrad = Torch.Torch.NoGrad();
        try
        {
            foreach (var p in parameters)
            {
                saved.Add((p, p.Clone().DetachFromScope()));
                using var noise = Tensor.Randn(p.Shape, p.Device);
                p.AddInPlace(noise, Std);
            }
        }
        catch
        {
            new Restore(saved).Dispose();
            throw;
        }

        return new Restore(saved);
    }

    private sealed class Restore(List<(Tensor Parameter, Tensor Clean)> saved) : IDisposable
    {
        private bool _done;

        public void Dispose()
        {
            if (_done)
            {
                return;
            }

            _done = true;
            using var noGrad = Torch.Torch.NoGrad();
            foreach (var (parameter, clean) in saved)
            {
                parameter.CopyFrom(clean);
                clean.Dispose();
            }
        }
    }
}
