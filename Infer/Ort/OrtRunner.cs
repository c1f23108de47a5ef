using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Harness.Infer.Ort;

/// <summary>
/// Runs one <see cref="OrtSession"/> over and over for a fixed set of float32 input and output shapes without
/// allocating: every input and output lives in a pinned managed buffer wrapped once in an <c>OrtValue</c>; names
/// are encoded once into native memory next to preallocated pointer arrays; <see cref="Run"/> is a single call into
/// ORT, which reads the input buffers and writes the output buffers in place.
/// </summary>
/// <remarks>
/// Shapes: a symbolic leading dimension (-1) becomes the batch size; declared fixed dimensions stay; a tensor with
/// any other symbolic dimension needs its concrete shape in the constructor's <c>shapes</c> (by tensor name).
/// Not thread-safe: one runner per thread (several runners may share a session). Dispose releases the values and
/// the runner's hold on the session.
/// </remarks>
public sealed unsafe class OrtRunner : IDisposable
{
    private readonly OrtSession _session;
    private readonly OrtSessionHandle _sessionHandle;
    private readonly nint _sessionPtr;
    private readonly OrtRunOptionsHandle _runOptions;
    private readonly nint _runOptionsPtr;
    private readonly OrtMemoryInfoHandle _memoryInfo;
    private readonly NativeBlockHandle _block;
    private readonly OrtValueHandle[] _values;
    private readonly float[][] _inputs;
    private readonly float[][] _outputs;
    private readonly long[][] _inputShapes;
    private readonly long[][] _outputShapes;
    private readonly byte** _inputNames;
    private readonly nint* _inputValues;
    private readonly byte** _outputNames;
    private readonly nint* _outputValues;
    private readonly nuint _inputCount;
    private readonly nuint _outputCount;
    private bool _disposed;

    /// <summary>
    /// Prepares buffers and values for <paramref name="batchSize"/> rows. <paramref name="shapes"/> gives the
    /// concrete shape of any input or output (by name) that the batch size alone cannot resolve, or overrides one.
    /// </summary>
    /// <exception cref="ArgumentException">A shape cannot be resolved or contradicts the model.</exception>
    /// <exception cref="NotSupportedException">An input or output is not a float32 tensor.</exception>
    public OrtRunner(OrtSession session, int batchSize, IReadOnlyDictionary<string, long[]>? shapes = null)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        _session = session;
        BatchSize = batchSize;
        var inputs = session.Inputs;
        var outputs = session.Outputs;
        _inputShapes = new long[inputs.Count][];
        _outputShapes = new long[outputs.Count][];
        for (var i = 0; i < inputs.Count; i++)
        {
            _inputShapes[i] = ResolveShape(session, inputs[i], "input", batchSize, shapes);
        }

        for (var i = 0; i < outputs.Count; i++)
        {
            _outputShapes[i] = ResolveShape(session, outputs[i], "output", batchSize, shapes);
        }

        _inputs = AllocateBuffers(_inputShapes, inputs);
        _outputs = AllocateBuffers(_outputShapes, outputs);
        _inputCount = (nuint)inputs.Count;
        _outputCount = (nuint)outputs.Count;
        _values = new OrtValueHandle[inputs.Count + outputs.Count];

        var addedRef = false;
        _sessionHandle = session.Handle;
        try
        {
            // Hold the session: disposing it while this runner lives then defers the release instead of freeing
            // what Run still uses.
            _sessionHandle.DangerousAddRef(ref addedRef);
            _sessionPtr = _sessionHandle.DangerousGetHandle();
            _runOptions = OrtApi.CreateRunOptions();
            _runOptionsPtr = _runOptions.DangerousGetHandle();
            _memoryInfo = OrtCpuMemory.Create();

            // One native block: [input name ptrs][input values][output name ptrs][output values][UTF-8 names].
            var encodedNames = new byte[inputs.Count + outputs.Count][];
            var nameBytes = 0;
            for (var i = 0; i < encodedNames.Length; i++)
            {
                encodedNames[i] = Utf8Z.Encode(i < inputs.Count ? inputs[i].Name : outputs[i - inputs.Count].Name);
                nameBytes += encodedNames[i].Length;
            }

            var pointerBytes = (nuint)(2 * encodedNames.Length * sizeof(nint));
            _block = new NativeBlockHandle(pointerBytes + (nuint)nameBytes);
            var block = _block.Pointer;
            _inputNames = (byte**)block;
            _inputValues = (nint*)(_inputNames + inputs.Count);
            _outputNames = (byte**)(_inputValues + inputs.Count);
            _outputValues = (nint*)(_outputNames + outputs.Count);
            var cursor = block + pointerBytes;
            for (var i = 0; i < encodedNames.Length; i++)
            {
                encodedNames[i].CopyTo(new Span<byte>(cursor, encodedNames[i].Length));
                if (i < inputs.Count)
                {
                    _inputNames[i] = cursor;
                }
                else
                {
                    _outputNames[i - inputs.Count] = cursor;
                }

                cursor += encodedNames[i].Length;
            }

            var memoryInfo = _memoryInfo.DangerousGetHandle();
            for (var i = 0; i < inputs.Count; i++)
            {
                _values[i] = CreateValue(memoryInfo, _inputs[i], _inputShapes[i]);
                _inputValues[i] = _values[i].DangerousGetHandle();
            }

            for (var i = 0; i < outputs.Count; i++)
            {
                _values[inputs.Count + i] = CreateValue(memoryInfo, _outputs[i], _outputShapes[i]);
                _outputValues[i] = _values[inputs.Count + i].DangerousGetHandle();
            }
        }
        catch
        {
            ReleaseAll(addedRef);
            throw;
        }
    }

    /// <summary>The batch size the symbolic leading dimensions were resolved to.</summary>
    public int BatchSize { get; }

    /// <summary>The session this runner runs.</summary>
    public OrtSession Session => _session;

    /// <summary>Number of inputs.</summary>
    public int InputCount => _inputs.Length;

    /// <summary>Number of outputs.</summary>
    public int OutputCount => _outputs.Length;

    /// <summary>Runs the model once: reads every input buffer, overwrites every output buffer. Allocates nothing.</summary>
    /// <exception cref="OrtException">ORT failed (for example a caller-given shape that the graph contradicts).</exception>
    public void Run()
    {
        if (_disposed)
        {
            ThrowDisposed();
        }

        OrtApi.Run(_sessionPtr, _runOptionsPtr, _inputNames, _inputValues, _inputCount, _outputNames, _outputCount, _outputValues);
    }

    /// <summary>The buffer of input <paramref name="index"/> (row-major, <see cref="InputShape"/>); write before <see cref="Run"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Span<float> Input(int index) => _inputs[index];

    /// <summary>The buffer of the input called <paramref name="name"/> (look the index up once for loops).</summary>
    public Span<float> Input(string name) => _inputs[_session.InputIndex(name)];

    /// <summary>The buffer of output <paramref name="index"/> (row-major, <see cref="OutputShape"/>), valid after <see cref="Run"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<float> Output(int index) => _outputs[index];

    /// <summary>The buffer of the output called <paramref name="name"/> (look the index up once for loops).</summary>
    public ReadOnlySpan<float> Output(string name) => _outputs[_session.OutputIndex(name)];

    /// <summary>Index of the input called <paramref name="name"/>.</summary>
    public int InputIndex(string name) => _session.InputIndex(name);

    /// <summary>Index of the output called <paramref name="name"/>.</summary>
    public int OutputIndex(string name) => _session.OutputIndex(name);

    /// <summary>The concrete shape of input <paramref name="index"/>.</summary>
    public ReadOnlySpan<long> InputShape(int index) => _inputShapes[index];

    /// <summary>The concrete shape of output <paramref name="index"/>.</summary>
    public ReadOnlySpan<long> OutputShape(int index) => _outputShapes[index];

    /// <summary>Releases the values, the native name block, and the runner's hold on the session.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        ReleaseAll(addedRef: true);
    }

    private void ReleaseAll(bool addedRef)
    {
        // Values first: ORT must drop them before the memory info and buffers go.
        foreach (var value in _values)
        {
            value?.Dispose();
        }

        _memoryInfo?.Dispose();
        _runOptions?.Dispose();
        _block?.Dispose();
        if (addedRef)
        {
            _sessionHandle.DangerousRelease();
        }
    }

    private static OrtValueHandle CreateValue(nint memoryInfo, float[] buffer, long[] shape)
    {
        // The buffer sits on the pinned object heap: its address never changes while the runner holds it.
        var data = Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(buffer));
        return OrtApi.CreateTensorWithData(memoryInfo, data, (nuint)buffer.Length * sizeof(float), shape, OrtElementType.Float);
    }

    private static float[][] AllocateBuffers(long[][] shapes, IReadOnlyList<OrtTensorInfo> infos)
    {
        var buffers = new float[shapes.Length][];
        for (var i = 0; i < shapes.Length; i++)
        {
            buffers[i] = GC.AllocateArray<float>(OrtShapes.ElementCount(shapes[i], infos[i].Name), pinned: true);
        }

        return buffers;
    }

    private static long[] ResolveShape(
        OrtSession session, OrtTensorInfo info, string kind, int batchSize, IReadOnlyDictionary<string, long[]>? shapes)
    {
        if (info.ElementType != OrtElementType.Float)
        {
            throw new NotSupportedException(
                $"OrtRunner supports float32 tensors only; {kind} {info} of {session.Source} is not one.");
        }

        var declared = info.Shape;
        if (shapes is not null && shapes.TryGetValue(info.Name, out var given))
        {
            var matches = given.Length == declared.Count;
            for (var d = 0; matches && d < given.Length; d++)
            {
                matches = given[d] >= 0 && (declared[d] < 0 || declared[d] == given[d]);
            }

            return matches
                ? (long[])given.Clone()
                : throw new ArgumentException(
                    $"The shape [{string.Join(", ", given)}] given for {kind} '{info.Name}' contradicts its declared shape " +
                    $"[{string.Join(", ", declared)}] in {session.Source}.",
                    nameof(shapes));
        }

        var shape = declared.ToArray();
        if (shape.Length > 0 && shape[0] < 0)
        {
            shape[0] = batchSize;
        }

        return Array.IndexOf(shape, -1L) < 0
            ? shape
            : throw new ArgumentException(
                $"The {kind} '{info.Name}' of {session.Source} is declared [{string.Join(", ", declared)}]: a symbolic " +
                "dimension other than the leading batch one cannot be resolved from the batch size; pass its concrete " +
                "shape in 'shapes'.",
                nameof(shapes));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowDisposed() => throw new ObjectDisposedException(nameof(OrtRunner));
}
