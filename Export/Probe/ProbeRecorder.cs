using Harness.Export.Exporting;
using Harness.Train.Modules;

namespace Harness.Export.Probe;

/// <summary>Records a <see cref="ModelProbe"/>: fixed inputs and the trainer's eval-mode outputs on them.</summary>
public static class ProbeRecorder
{
    /// <summary>Seed of the synthesized probe inputs (when the caller gives none).</summary>
    public const int SynthesisSeed = 20260502;

    /// <summary>
    /// The probe of <paramref name="model"/>: the first <paramref name="count"/> samples of
    /// <paramref name="inputs"/> (row-major [n, …sampleShape]; fewer when fewer are given; null synthesizes
    /// <paramref name="count"/> seeded N(0, 1) samples) and the model's eval-mode outputs for them.
    /// </summary>
    /// <exception cref="ArgumentException">The inputs are not whole samples, or none is given.</exception>
    public static ModelProbe Record(Module model, IReadOnlyList<long> sampleShape, float[]? inputs, int count, double tolerance)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(sampleShape);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var sampleSize = (int)sampleShape.Aggregate(1L, (a, d) => checked(a * d));
        inputs ??= Synthesize(count * sampleSize);
        if (inputs.Length == 0 || inputs.Length % sampleSize != 0)
        {
            throw new ArgumentException(
                $"Probe inputs hold {inputs.Length} values, which is not a positive whole number of samples of " +
                $"[{string.Join(", ", sampleShape)}] ({sampleSize} values each).", nameof(inputs));
        }

        var n = Math.Min(count, inputs.Length / sampleSize);
        var x = inputs.AsSpan(0, n * sampleSize).ToArray();
        long[] inputShape = [n, .. sampleShape];
        var y = TrainerEval.Forward(model, x, inputShape, out var outputShape);
        return new ModelProbe(DeploymentExporter.InputName, inputShape, x, DeploymentExporter.OutputName, outputShape, y, tolerance);
    }

    private static float[] Synthesize(int length)
    {
        var random = new Random(SynthesisSeed);
        var values = new float[length];
        for (var i = 0; i < length; i++)
        {
            // Box–Muller: standard normal, the distribution of normalized inputs.
            values[i] = (float)(Math.Sqrt(-2.0 * Math.Log(1.0 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));
        }

        return values;
    }
}
