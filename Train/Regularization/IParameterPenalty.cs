using Harness.Train.Torch;

namespace Harness.Train.Regularization;

/// <summary>An explicit regularization term over chosen parameters, added to the loss before backward.</summary>
public interface IParameterPenalty
{
    /// <summary>The penalty as a scalar tensor in the autograd graph of <paramref name="parameters"/>.</summary>
    Tensor Compute(IReadOnlyList<Tensor> parameters);
}
