using Harness.Train.Torch;

namespace Harness.Train.Regularization;

/// <summary>
/// Annealed Gaussian gradient noise (Neelakantan et al. 2015, "Adding Gradient Noise Improves Learning for Very
/// Deep Networks"): before the optimizer step t (0-based), every gradient gets N(0, σ_t²) noise added with
/// σ_t² = η / (1 + t)^γ. The paper uses η ∈ {0.01, 0.3, 1.0} and γ = 0.55. Samples come from libtorch's
/// generator (seeded by <see cref="Torch.Torch.ManualSeed"/>).
/// </summary>
public sealed class GradientNoise
{
    public GradientNoise(double eta, double gamma = 0.55)
    {
        if (!(eta > 0) || double.IsInfinity(eta))
        {
            throw new ArgumentOutOfRangeException(nameof(eta), $"Gradient noise eta = {eta}: must be a positive number.");
        }

        if (gamma < 0 || !double.IsFinite(gamma))
        {
            throw new ArgumentOutOfRangeException(nameof(gamma), $"Gradient noise gamma = {gamma}: must be a finite number >= 0.");
        }

        Eta = eta;
        Gamma = gamma;
    }

    public double Eta { get; }

    public double Gamma { get; }

    /// <summary>The noise variance σ_t² = η / (1 + t)^γ at step <paramref name="step"/> (0-based).</summary>
    public double Variance(long step)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        return Eta / Math.Pow(1 + step, Gamma);
    }

    /// <summary>Adds the step's noise to every existing gradient in place; returns the standard deviation used.</summary>
    public double Apply(IEnumerable<Tensor> parameters, long step)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var std = Math.Sqrt(Variance(step));
        using var noGrad = Torch.Torch.NoGrad();
        foreach (var p in parameters)
        {
            using var grad = p.Grad();
            if (grad is null)
            {
                continue;
            }

            using var noise = Tensor.Randn(grad.Shape, grad.Device);
            grad.AddInPlace(noise, std);
        }

        return std;
    }
}
