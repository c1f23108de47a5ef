using Harness.Export.Probe;
using Harness.Infer.Ort;

namespace Harness.Infer.Checks;

/// <summary>
/// The samples a check runs: one float array per model input, each holding <see cref="Count"/> samples of
/// <see cref="SampleShapes"/>. From a probe, or synthesized from the declared shapes.
/// </summary>
public sealed class CheckInputs
{
    /// <summary>Samples synthesized when no probe is given.</summary>
    public const int SynthesizedCount = 8;

    /// <summary>Seed of the synthesized inputs (fixed: the same model always sees the same inputs).</summary>
    public const int SynthesisSeed = 20260501;

    public CheckInputs(int count, long[][] sampleShapes, float[][] data, string source)
    {
        Count = count;
        SampleShapes = sampleShapes;
        Data = data;
        Source = source;
    }

    public int Count { get; }

    /// <summary>Per input: the shape of one sample (without the batch dimension).</summary>
    public long[][] SampleShapes { get; }

    /// <summary>Per input: Count × sample floats, row-major.</summary>
    public float[][] Data { get; }

    /// <summary>Where the inputs came from, for the report.</summary>
    public string Source { get; }

    public int SampleSize(int input) => (int)SampleShapes[input].Aggregate(1L, (a, d) => a * d);

    /// <summary>Sample <paramref name="index"/> of input <paramref name="input"/>.</summary>
    public ReadOnlySpan<float> Sample(int input, int index) =>
        Data[input].AsSpan(index * SampleSize(input), SampleSize(input));

    /// <summary>
    /// Synthesized inputs: every value drawn from a standard normal N(0, 1) (the distribution of standardized
    /// features and normalized pixels) with a fixed seed. Symbolic non-batch dimensions are set to 1.
    /// </summary>
    public static CheckInputs Synthesize(IReadOnlyList<OrtTensorInfo> inputs, int count = SynthesizedCount)
    {
        var random = new Random(SynthesisSeed);
        var shapes = inputs.Select(i => i.Shape.Skip(1).Select(d => d < 0 ? 1 : d).ToArray()).ToArray();
        var data = new float[inputs.Count][];
        for (var i = 0; i < inputs.Count; i++)
        {
            var size = shapes[i].Aggregate(1L, (a, d) => a * d);
            data[i] = new float[count * size];
            for (var j = 0; j < data[i].Length; j++)
            {
                data[i][j] = (float)Gaussian(random);
            }
        }

        return new CheckInputs(count, shapes, data, $"{count} synthesized samples, N(0, 1), seed {SynthesisSeed}");
    }

    /// <summary>The probe's inputs (single-input models).</summary>
    public static CheckInputs FromProbe(ModelProbe probe, string path) =>
        new(probe.Count, [probe.InputShape[1..]], [probe.Inputs], $"{probe.Count} probe samples from {path}");

    private static double Gaussian(Random random)
    {
        // Box–Muller.
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
