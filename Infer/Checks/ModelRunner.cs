using Harness.Core;
using Harness.Infer.Ort;

namespace Harness.Infer.Checks;

/// <summary>
/// Runs a float model on any number of samples at a chosen batch size: one <see cref="OrtRunner"/> per batch size,
/// created on first use. Output shapes that the batch size alone cannot resolve are discovered by one allocating
/// run (single-input models).
/// </summary>
public sealed class ModelRunner : IDisposable
{
    private readonly Dictionary<int, OrtRunner> _runners = new();

    public ModelRunner(OrtSession session)
    {
        Session = session;
        foreach (var tensor in session.Inputs.Concat(session.Outputs))
        {
            if (tensor.ElementType != OrtElementType.Float)
            {
                throw new UsageException(
                    $"{session.Source}: {tensor} is not float32; the gate checks models with float inputs and outputs only.");
            }
        }

        if (session.Inputs.Count == 0)
        {
            throw new UsageException($"{session.Source} has no inputs.");
        }
    }

    public OrtSession Session { get; }

    /// <summary>The fixed batch size every input declares, or null when the leading dimension is symbolic.</summary>
    public int? FixedBatch
    {
        get
        {
            var leading = Session.Inputs.Select(i => i.Shape.Count > 0 ? i.Shape[0] : 1).Distinct().ToList();
            return leading.All(d => d < 0) ? null : (int)Math.Max(1, leading.Max());
        }
    }

    /// <summary>
    /// Runs samples [start, start + batch) of <paramref name="inputs"/> as one batch and returns a copy of every
    /// output (row-major, batch first). A model with a fixed batch size B runs them in chunks of B; a chunk with
    /// fewer than B samples is filled up by repeating its own samples, and only its rows come back (so "one sample
    /// alone" is B copies of it: a batch with no other sample in it).
    /// </summary>
    public float[][] Run(CheckInputs inputs, int start, int batch)
    {
        if (start < 0 || batch < 1 || start + batch > inputs.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(batch), $"samples [{start}, {start + batch}) of {inputs.Count}");
        }

        if (FixedBatch is not { } fixedBatch || fixedBatch == batch)
        {
            return RunBatch(inputs, start, batch, batch);
        }

        float[][]? outputs = null;
        for (var chunk = 0; chunk < batch; chunk += fixedBatch)
        {
            var rows = Math.Min(fixedBatch, batch - chunk);
            var part = RunBatch(inputs, start + chunk, rows, fixedBatch);
            outputs ??= part.Select(p => new float[p.Length / fixedBatch * batch]).ToArray();
            for (var o = 0; o < part.Length; o++)
            {
                var per = part[o].Length / fixedBatch;
                part[o].AsSpan(0, rows * per).CopyTo(outputs[o].AsSpan(chunk * per));
            }
        }

        return outputs!;
    }

    /// <summary>Runs <paramref name="rows"/> samples from <paramref name="start"/>, repeated cyclically to fill a batch of <paramref name="size"/>.</summary>
    private float[][] RunBatch(CheckInputs inputs, int start, int rows, int size)
    {
        var runner = RunnerFor(size, inputs);
        for (var i = 0; i < inputs.Data.Length; i++)
        {
            var sample = inputs.SampleSize(i);
            var target = runner.Input(i);
            for (var filled = 0; filled < size; filled += rows)
            {
                var take = Math.Min(rows, size - filled);
                inputs.Data[i].AsSpan(start * sample, take * sample).CopyTo(target[(filled * sample)..]);
            }
        }

        runner.Run();
        var outputs = new float[runner.OutputCount][];
        for (var o = 0; o < outputs.Length; o++)
        {
            outputs[o] = runner.Output(o).ToArray();
        }

        return outputs;
    }

    public void Dispose()
    {
        foreach (var runner in _runners.Values)
        {
            runner.Dispose();
        }

        _runners.Clear();
    }

    private OrtRunner RunnerFor(int batch, CheckInputs inputs)
    {
        if (_runners.TryGetValue(batch, out var runner))
        {
            return runner;
        }

        var shapes = new Dictionary<string, long[]>();
        for (var i = 0; i < Session.Inputs.Count; i++)
        {
            shapes[Session.Inputs[i].Name] = [batch, .. inputs.SampleShapes[i]];
        }

        foreach (var output in Session.Outputs)
        {
            if (output.Shape.Skip(1).Any(d => d < 0) || output.Shape.Count == 0)
            {
                shapes[output.Name] = DiscoverOutputShape(output, batch, inputs);
            }
        }

        runner = new OrtRunner(Session, batch, shapes);
        _runners[batch] = runner;
        return runner;
    }

    private long[] DiscoverOutputShape(OrtTensorInfo output, int batch, CheckInputs inputs)
    {
        if (Session.Inputs.Count != 1 || Session.Outputs.Count != 1)
        {
            throw new UsageException(
                $"{Session.Source}: output {output} has symbolic non-batch dimensions; the gate resolves those only " +
                "for single-input, single-output models.");
        }

        var sample = inputs.SampleSize(0);
        var data = new float[batch * sample];
        for (var k = 0; k < batch; k++)
        {
            inputs.Sample(0, k % inputs.Count).CopyTo(data.AsSpan(k * sample));
        }

        Session.RunOnce(data, [batch, .. inputs.SampleShapes[0]], out var shape);
        return shape;
    }
}
