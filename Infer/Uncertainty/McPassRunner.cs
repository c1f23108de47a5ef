using Harness.Core;
using Harness.Export.Exporting;
using Harness.Infer.Ort;

namespace Harness.Infer.Uncertainty;

/// <summary>
/// Runs T passes of a single-input classifier (an MC-dropout graph, or with T = 1 any deployment graph) over N
/// samples and writes the logits sample-major, [N, T, K]. <see cref="McExecutionMode.Tiled"/> puts the T copies of a
/// chunk of samples into one call, pass-major within the call (row j·b + i is pass j of the chunk's sample i), with at
/// most <see cref="MaxRowsPerCall"/> rows per call: a chunk holds min(T, cap) passes of max(1, cap / passes) samples,
/// so a call never exceeds the cap and T &gt; cap splits the passes over several calls. <see cref="McExecutionMode.Loop"/>
/// makes T calls over chunks of up to cap samples. Both reuse one <see cref="OrtRunner"/> (pinned buffers) per row
/// count, created on first use: after the first run of a given shape, runs allocate nothing. Not thread-safe.
/// <para>A prefix-shared MC graph (<see cref="McPrefixSharing"/>: a second input
/// <see cref="McPrefixSharing.PassesInputName"/>) is recognised by that input: a tiled call then feeds the chunk's
/// samples once with T = the call's passes, and the graph tiles after its deterministic prefix; the output rows
/// have the same pass-major layout, the plan and the cap (on output rows) are the same.</para>
/// </summary>
public sealed class McPassRunner : IDisposable
{
    /// <summary>
    /// Default cap on rows per ORT call. On the CPU, a 784→256→10 MC MLP (N = 1000, T = 30) ran at 0.17 ms per example
    /// with caps of 256–1024 rows and 0.24–0.29 ms with 8192–30000 (larger calls leave the caches); on a GPU raise it.
    /// </summary>
    public const int DefaultMaxRowsPerCall = 1024;

    private readonly Dictionary<(int InputRows, int Copies), OrtRunner> _runners = new();
    private readonly long[] _sampleShape;
    private readonly int _outputIndex;
    private readonly int _inputIndex;
    private readonly int _passesIndex = -1;
    private OrtRunner? _filledRunner;
    private int _filledStart = -1;
    private bool _disposed;

    /// <summary>
    /// Prepares to run <paramref name="session"/>. Its one float input must be [batch, …] with fixed non-batch
    /// dimensions, or <paramref name="sampleShape"/> gives them (a prefix-shared MC graph has the passes input
    /// besides); the logits output (<paramref name="outputName"/>, else
    /// the output called "logits", else the first) must be [batch, K] with K fixed.
    /// </summary>
    /// <exception cref="UsageException">The model does not have that form.</exception>
    public McPassRunner(OrtSession session, int maxRowsPerCall = DefaultMaxRowsPerCall, string? outputName = null,
        IReadOnlyList<long>? sampleShape = null)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRowsPerCall, 1);
        Session = session;
        MaxRowsPerCall = maxRowsPerCall;
        if (session.Inputs.Count == 2)
        {
            _passesIndex = session.Inputs.Select(i => i.Name).ToList().IndexOf(McPrefixSharing.PassesInputName);
            var passes = _passesIndex >= 0 ? session.Inputs[_passesIndex] : null;
            if (passes is null || passes.ElementType != OrtElementType.Float || passes.Shape.Count != 1 || passes.Shape[0] != 1)
            {
                throw new UsageException(
                    $"{session.Source}: a second input must be the float [1] '{McPrefixSharing.PassesInputName}' of a prefix-shared " +
                    $"MC graph; the model has {string.Join("; ", session.Inputs)}.");
            }

            _inputIndex = 1 - _passesIndex;
        }

        if (session.Inputs.Count is < 1 or > 2 || session.Inputs[_inputIndex].ElementType != OrtElementType.Float)
        {
            throw new UsageException(
                $"{session.Source}: the uncertainty runner needs exactly one float input; the model has {string.Join("; ", session.Inputs)}.");
        }

        var declared = session.Inputs[_inputIndex].Shape;
        _sampleShape = sampleShape?.ToArray() ?? declared.Skip(1).ToArray();
        if (declared.Count == 0 || _sampleShape.Length != declared.Count - 1 || _sampleShape.Any(d => d < 1))
        {
            throw new UsageException(
                $"{session.Source}: input {session.Inputs[_inputIndex]} must be [batch, …] with known sample dimensions " +
                "(pass the sample shape for symbolic ones).");
        }

        SampleSize = checked((int)_sampleShape.Aggregate(1L, (a, b) => a * b));
        _outputIndex = outputName is not null ? session.OutputIndex(outputName)
            : session.Outputs.Select(o => o.Name).ToList().IndexOf("logits") is var i and >= 0 ? i : 0;
        var output = session.Outputs[_outputIndex];
        if (output.ElementType != OrtElementType.Float || output.Shape.Count != 2 || output.Shape[1] < 1)
        {
            throw new UsageException(
                $"{session.Source}: output {output} must be float logits shaped [batch, classes] with a fixed class count.");
        }

        Classes = (int)output.Shape[1];
    }

    /// <summary>The session being run.</summary>
    public OrtSession Session { get; }

    /// <summary>Values per sample (the product of the input's non-batch dimensions).</summary>
    public int SampleSize { get; }

    /// <summary>K, the width of the logits output.</summary>
    public int Classes { get; }

    /// <summary>The cap on rows (batch entries) per ORT call.</summary>
    public int MaxRowsPerCall { get; }

    /// <summary>ORT calls made so far.</summary>
    public long Calls { get; private set; }

    /// <summary>Runners created so far (one per distinct call shape: row count, and passes per call for a
    /// prefix-shared graph).</summary>
    public int RunnerCount => _runners.Count;

    /// <summary>Whether the session is a prefix-shared MC graph (it has the <see cref="McPrefixSharing.PassesInputName"/> input).</summary>
    public bool SharesPrefix => _passesIndex >= 0;

    /// <summary>
    /// Runs <paramref name="passes"/> passes over <paramref name="samples"/> samples (row-major
    /// [<paramref name="samples"/>, <see cref="SampleSize"/>] in <paramref name="inputs"/>) and writes logits
    /// [samples, passes, <see cref="Classes"/>] into <paramref name="logits"/>.
    /// </summary>
    /// <exception cref="ArgumentException">A buffer has the wrong size.</exception>
    /// <exception cref="OrtException">ORT failed.</exception>
    public void Run(ReadOnlySpan<float> inputs, int samples, int passes, McExecutionMode mode, Span<float> logits)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentOutOfRangeException.ThrowIfLessThan(samples, 0);
        ArgumentOutOfRangeException.ThrowIfLessThan(passes, 1);
        if (inputs.Length != (long)samples * SampleSize || logits.Length != (long)samples * passes * Classes)
        {
            throw new ArgumentException(
                $"Need {(long)samples * SampleSize} inputs and {(long)samples * passes * Classes} logit slots for " +
                $"{samples} samples × {passes} passes; got {inputs.Length} and {logits.Length}.");
        }

        _filledRunner = null; // new inputs: nothing a runner holds may be reused
        var (samplesPerCall, passesPerCall) = Plan(samples, passes, MaxRowsPerCall, mode);
        for (var start = 0; start < samples; start += samplesPerCall)
        {
            var count = Math.Min(samplesPerCall, samples - start);
            var chunk = inputs.Slice(start * SampleSize, count * SampleSize);
            if (mode == McExecutionMode.Loop)
            {
                var runner = Fill(chunk, start, count, copies: 1);
                for (var t = 0; t < passes; t++)
                {
                    RunOnce(runner);
                    Scatter(runner, logits, start, count, passes, firstPass: t, copies: 1);
                }
            }
            else
            {
                for (var firstPass = 0; firstPass < passes; firstPass += passesPerCall)
                {
                    var copies = Math.Min(passesPerCall, passes - firstPass);
                    var runner = Fill(chunk, start, count, copies);
                    RunOnce(runner);
                    Scatter(runner, logits, start, count, passes, firstPass, copies);
                }
            }
        }
    }

    /// <summary>
    /// Samples and passes per call for a run: tiled, min(T, cap) passes of max(1, min(N, cap / passes)) samples;
    /// loop, one pass of min(N, cap) samples.
    /// </summary>
    public static (int SamplesPerCall, int PassesPerCall) Plan(int samples, int passes, int maxRowsPerCall, McExecutionMode mode)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(passes, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRowsPerCall, 1);
        var n = Math.Max(samples, 1);
        if (mode == McExecutionMode.Loop)
        {
            return (Math.Min(n, maxRowsPerCall), 1);
        }

        var passesPerCall = Math.Min(passes, maxRowsPerCall);
        return (Math.Clamp(maxRowsPerCall / passesPerCall, 1, n), passesPerCall);
    }

    /// <summary>Releases every runner (the session stays with its owner).</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        foreach (var runner in _runners.Values)
        {
            runner.Dispose();
        }

        _runners.Clear();
    }

    private void RunOnce(OrtRunner runner)
    {
        runner.Run();
        Calls++;
    }

    /// <summary>
    /// Writes <paramref name="copies"/> tiles of the chunk into the runner for count·copies rows, or, for a
    /// prefix-shared graph, the chunk once into a runner whose passes input holds <paramref name="copies"/>.
    /// </summary>
    private OrtRunner Fill(ReadOnlySpan<float> chunk, int start, int count, int copies)
    {
        var runner = SharesPrefix ? RunnerFor(count, copies) : RunnerFor(count * copies, 1);
        // Within one Run, the same runner already holds exactly these tiles when the last fill used it for the same
        // chunk (a tiled run whose passes need several calls of equal size): skip the copy.
        if (ReferenceEquals(runner, _filledRunner) && _filledStart == start)
        {
            return runner;
        }

        var input = runner.Input(_inputIndex);
        for (var j = 0; j < (SharesPrefix ? 1 : copies); j++)
        {
            chunk.CopyTo(input.Slice(j * chunk.Length, chunk.Length));
        }

        _filledRunner = runner;
        _filledStart = start;
        return runner;
    }

    private void Scatter(OrtRunner runner, Span<float> logits, int start, int count, int passes, int firstPass, int copies)
    {
        var output = runner.Output(_outputIndex);
        var k = Classes;
        for (var j = 0; j < copies; j++)
        {
            for (var i = 0; i < count; i++)
            {
                output.Slice((j * count + i) * k, k)
                    .CopyTo(logits.Slice((((start + i) * passes) + firstPass + j) * k, k));
            }
        }
    }

    /// <summary>The runner for <paramref name="inputRows"/> input rows and <paramref name="copies"/> passes per
    /// row (1 for a plain graph, whose input already holds the copies): inputRows·copies output rows.</summary>
    private OrtRunner RunnerFor(int inputRows, int copies)
    {
        if (_runners.TryGetValue((inputRows, copies), out var runner))
        {
            return runner;
        }

        var session = Session;
        var rows = inputRows * copies;
        var shapes = new Dictionary<string, long[]>
        {
            [session.Inputs[_inputIndex].Name] = [inputRows, .. _sampleShape],
        };
        for (var i = 0; i < session.Outputs.Count; i++)
        {
            // The logits are [rows, K]. Other outputs resolve their leading dimension from the batch size (the input
            // rows), which for a prefix-shared graph is not their row count: give theirs.
            var output = session.Outputs[i];
            if (i == _outputIndex)
            {
                shapes[output.Name] = [rows, Classes];
            }
            else if (SharesPrefix && output.Shape.Count > 0)
            {
                shapes[output.Name] = [rows, .. output.Shape.Skip(1)];
            }
        }

        runner = new OrtRunner(session, inputRows, shapes);
        if (SharesPrefix)
        {
            runner.Input(_passesIndex)[0] = copies;
        }

        _runners[(inputRows, copies)] = runner;
        return runner;
    }
}
