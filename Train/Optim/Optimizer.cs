using Harness.Train.Torch;

namespace Harness.Train.Optim;

/// <summary>Base of the optimizers: parameter groups, learning rate, gradient clearing, state disposal.</summary>
public abstract class Optimizer : IDisposable
{
    protected Optimizer(IReadOnlyList<ParameterGroup> groups, double learningRate)
    {
        if (groups.Count == 0 || groups.All(g => g.Parameters.Count == 0))
        {
            throw new ArgumentException("The optimizer was given no parameters.", nameof(groups));
        }

        if (!(learningRate > 0) || double.IsInfinity(learningRate))
        {
            throw new ArgumentOutOfRangeException(nameof(learningRate), $"Learning rate {learningRate} must be a positive number.");
        }

        Groups = groups;
        LearningRate = learningRate;
    }

    public IReadOnlyList<ParameterGroup> Groups { get; }

    /// <summary>The current learning rate (schedules set it before each step).</summary>
    public double LearningRate { get; set; }

    /// <summary>Number of steps taken.</summary>
    public long StepCount { get; protected set; }

    /// <summary>Applies one update from the parameters' accumulated gradients (under no-grad).</summary>
    public void Step()
    {
        using var noGrad = Torch.Torch.NoGrad();
        StepCount++;
        foreach (var group in Groups)
        {
            foreach (var parameter in group.Parameters)
            {
                using var grad = parameter.Grad();
                if (grad is not null)
                {
                    Update(parameter, grad, group);
                }
            }
        }
    }

    /// <summary>Drops every parameter's gradient.</summary>
    public void ClearGrad()
    {
        foreach (var group in Groups)
        {
            foreach (var parameter in group.Parameters)
            {
                parameter.ClearGrad();
            }
        }
    }

    /// <summary>Updates one parameter in place from its gradient.</summary>
    protected abstract void Update(Tensor parameter, Tensor grad, ParameterGroup group);

    public virtual void Dispose() => GC.SuppressFinalize(this);
}
