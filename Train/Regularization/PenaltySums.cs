using Harness.Train.Torch;

namespace Harness.Train.Regularization;

/// <summary>Σ|w| and Σw² over several parameters, with every intermediate disposed.</summary>
internal static class PenaltySums
{
    public static Tensor SumAbs(IReadOnlyList<Tensor> parameters) => Accumulate(parameters, p => p.Abs());

    public static Tensor SumSquares(IReadOnlyList<Tensor> parameters) => Accumulate(parameters, p => p.Square());

    public static double CheckStrength(double value, string name)
    {
        if (value < 0 || !double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(name, $"Penalty strength {name} = {value}: must be a finite number >= 0.");
        }

        return value;
    }

    private static Tensor Accumulate(IReadOnlyList<Tensor> parameters, Func<Tensor, Tensor> elementwise)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (parameters.Count == 0)
        {
            throw new ArgumentException("A penalty needs at least one parameter.", nameof(parameters));
        }

        Tensor? total = null;
        foreach (var p in parameters)
        {
            using var values = elementwise(p);
            var sum = values.Sum();
            if (total is null)
            {
                total = sum;
                continue;
            }

            var next = total + sum;
            total.Dispose();
            sum.Dispose();
            total = next;
        }

        return total!;
    }
}
