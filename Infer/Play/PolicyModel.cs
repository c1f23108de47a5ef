using System.Text.Json;
using Harness.Core;
using Harness.Export.Exporting;
using Harness.Infer.Ort;
using Harness.Sim;

namespace Harness.Infer.Play;

/// <summary>
/// What a Sim policy graph must look like and how its inputs are prepared: one float input [batch, 116]
/// (<see cref="Observation.Size"/>), one float output [batch, 5] (<see cref="AgentActions.Count"/> logits), and the
/// per-feature standardization x' = (x − mean) / std from the model's <c>input_normalization</c> metadata (written
/// by the export stage from the training split), applied in place to the batch.
/// </summary>
public sealed class PolicyModel
{
    private readonly float[] _mean;
    private readonly float[] _inverseStd;

    /// <summary>A policy input with the given standardization (tests, or models exported elsewhere).</summary>
    public PolicyModel(float[] mean, float[] std)
    {
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(std);
        if (mean.Length != Observation.Size || std.Length != Observation.Size || std.Any(s => !(s > 0)))
        {
            throw new ArgumentException(
                $"A Sim policy standardizes {Observation.Size} features with positive stds; got {mean.Length} means and {std.Length} stds.");
        }

        _mean = (float[])mean.Clone();
        _inverseStd = std.Select(s => 1f / s).ToArray();
    }

    /// <summary>The identity standardization (mean 0, std 1).</summary>
    public static PolicyModel Identity { get; } = new(new float[Observation.Size], Enumerable.Repeat(1f, Observation.Size).ToArray());

    /// <summary>
    /// Checks <paramref name="session"/>'s form and reads its standardization.
    /// </summary>
    /// <exception cref="UsageException">The model is not a Sim policy or has no per-feature normalization metadata.</exception>
    public static PolicyModel FromSession(OrtSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        RequireShape(session);
        var json = session.GetMetadata(ExportMetadata.NormalizationKey);
        if (string.IsNullOrEmpty(json))
        {
            throw new UsageException($"{session.Source}: no '{ExportMetadata.NormalizationKey}' metadata; export the policy with the export stage.");
        }

        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            var formula = root.TryGetProperty("formula", out var f) ? f.GetString() : null;
            if (formula != ExportSources.FeatureFormula)
            {
                throw new UsageException(
                    $"{session.Source}: its input normalization is '{formula}', not the per-feature '{ExportSources.FeatureFormula}' " +
                    "of a policy trained on Sim feature rows (Data:Dataset = sim-features).");
            }

            var mean = root.GetProperty("mean").EnumerateArray().Select(e => e.GetSingle()).ToArray();
            var std = root.GetProperty("std").EnumerateArray().Select(e => e.GetSingle()).ToArray();
            return new PolicyModel(mean, std);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException or FormatException or ArgumentException)
        {
            throw new UsageException($"{session.Source}: malformed '{ExportMetadata.NormalizationKey}' metadata: {e.Message}", e);
        }
    }

    /// <summary>Throws <see cref="UsageException"/> unless the session takes [batch, 116] and gives [batch, 5].</summary>
    public static void RequireShape(OrtSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var ok = session.Inputs.Count == 1 && session.Outputs.Count >= 1 &&
                 session.Inputs[0].ElementType == OrtElementType.Float && session.Inputs[0].Shape.Count == 2 &&
                 session.Inputs[0].Shape[1] == Observation.Size &&
                 session.Outputs[0].ElementType == OrtElementType.Float && session.Outputs[0].Shape.Count == 2 &&
                 session.Outputs[0].Shape[1] == AgentActions.Count;
        if (!ok)
        {
            throw new UsageException(
                $"{session.Source} is not a Sim policy: it needs one float input [batch, {Observation.Size}] and a float output " +
                $"[batch, {AgentActions.Count}]; it has inputs {string.Join("; ", session.Inputs)} and outputs {string.Join("; ", session.Outputs)}.");
        }
    }

    /// <summary>An <see cref="OrtRunner"/> for <paramref name="rows"/> rows of <paramref name="session"/>.</summary>
    public static OrtRunner CreateRunner(OrtSession session, int rows)
    {
        RequireShape(session);
        var shapes = new Dictionary<string, long[]>
        {
            [session.Inputs[0].Name] = [rows, Observation.Size],
            [session.Outputs[0].Name] = [rows, AgentActions.Count],
        };
        return new OrtRunner(session, rows, shapes);
    }

    /// <summary>Standardizes <paramref name="rows"/> observations at the start of <paramref name="batch"/> in place.</summary>
    public void Standardize(Span<float> batch, int rows)
    {
        const int f = Observation.Size;
        var mean = _mean.AsSpan();
        var inverse = _inverseStd.AsSpan();
        for (var r = 0; r < rows; r++)
        {
            var row = batch.Slice(r * f, f);
            for (var k = 0; k < f; k++)
            {
                row[k] = (row[k] - mean[k]) * inverse[k];
            }
        }
    }

    /// <summary>
    /// Observes the deciding agents into the first rows of <paramref name="batch"/> (one
    /// <see cref="World.ObserveAll"/> when every agent decides) and standardizes them.
    /// </summary>
    public void Gather(World world, ReadOnlySpan<int> agents, Span<float> batch)
    {
        const int f = Observation.Size;
        if (agents.Length == world.AgentCount)
        {
            world.ObserveAll(batch);
        }
        else
        {
            for (var k = 0; k < agents.Length; k++)
            {
                world.Observe(agents[k], batch.Slice(k * f, f));
            }
        }

        Standardize(batch, agents.Length);
    }
}
