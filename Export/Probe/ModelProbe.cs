using System.Globalization;
using Harness.Core;
using Harness.Core.Formats;

namespace Harness.Export.Probe;

/// <summary>
/// A probe: fixed inputs and the outputs the trainer produced for them in eval mode, stored next to an exported
/// model so the model can be re-checked later without the trainer.
/// </summary>
/// <remarks>
/// Format: a safetensors file (see <see cref="SafeTensorsFile"/>) with two float32 arrays, <c>input</c>
/// [N, …input shape] and <c>output</c> [N, …output shape], and metadata <c>input_name</c>, <c>output_name</c>,
/// <c>tolerance</c> (max absolute difference allowed, invariant culture), <c>format</c> = "harness-probe/1".
/// </remarks>
public sealed record ModelProbe(
    string InputName, long[] InputShape, float[] Inputs,
    string OutputName, long[] OutputShape, float[] Outputs,
    double Tolerance)
{
    public const string Format = "harness-probe/1";

    /// <summary>Number of probe samples (the leading dimension).</summary>
    public int Count => (int)InputShape[0];

    public void Save(string path) => SafeTensorsFile.Save(path,
        [("input", SafeTensorsFile.Entry.Floats(Inputs, InputShape)), ("output", SafeTensorsFile.Entry.Floats(Outputs, OutputShape))],
        new Dictionary<string, string>
        {
            ["format"] = Format,
            ["input_name"] = InputName,
            ["output_name"] = OutputName,
            ["tolerance"] = Tolerance.ToString("R", CultureInfo.InvariantCulture),
        });

    /// <summary>Reads a probe; anything malformed is a <see cref="UsageException"/> naming the file.</summary>
    public static ModelProbe Load(string path)
    {
        var (entries, metadata) = SafeTensorsFile.Load(path);
        if (!metadata.TryGetValue("format", out var format) || format != Format)
        {
            throw new UsageException($"{path} is not a harness probe (format '{format}', expected '{Format}').");
        }

        if (!entries.TryGetValue("input", out var input) || !entries.TryGetValue("output", out var output) ||
            input.DType != SafeTensorsFile.F32 || output.DType != SafeTensorsFile.F32 ||
            input.Shape.Length == 0 || output.Shape.Length == 0 || input.Shape[0] != output.Shape[0])
        {
            throw new UsageException($"{path}: a probe needs float32 'input' and 'output' arrays with the same leading size.");
        }

        if (!double.TryParse(metadata.GetValueOrDefault("tolerance"), NumberStyles.Float, CultureInfo.InvariantCulture, out var tolerance) ||
            !(tolerance >= 0))
        {
            throw new UsageException($"{path}: probe tolerance '{metadata.GetValueOrDefault("tolerance")}' is not a number >= 0.");
        }

        return new ModelProbe(metadata.GetValueOrDefault("input_name", ""), input.Shape, input.ToFloats(),
            metadata.GetValueOrDefault("output_name", ""), output.Shape, output.ToFloats(), tolerance);
    }
}
