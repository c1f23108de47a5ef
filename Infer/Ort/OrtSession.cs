namespace Harness.Infer.Ort;

/// <summary>
/// An ONNX Runtime inference session over one model, with its inputs and outputs read once at creation.
/// Creating a session from a missing file throws <see cref="FileNotFoundException"/> naming the file; a model ORT
/// cannot load throws <see cref="OrtException"/> carrying ORT's message (the process goes on).
/// For repeated runs use an <see cref="OrtRunner"/>; <see cref="RunOnce(float[], long[])"/> is for checks.
/// Sessions may be run from several threads; dispose once no runner uses it (runners keep it alive until then).
/// </summary>
public sealed partial class OrtSession : IDisposable
{
    private readonly Dictionary<string, int> _inputIndex;
    private readonly Dictionary<string, int> _outputIndex;

    private OrtSession(OrtSessionHandle handle, string source)
    {
        Handle = handle;
        Source = source;
        try
        {
            Inputs = ReadInfos(input: true);
            Outputs = ReadInfos(input: false);
        }
        catch
        {
            handle.Dispose();
            throw;
        }

        _inputIndex = IndexByName(Inputs);
        _outputIndex = IndexByName(Outputs);
    }

    /// <summary>Where the model came from: its full path, or a description for a model given as bytes.</summary>
    public string Source { get; }

    /// <summary>The model's inputs, in ORT's order.</summary>
    public IReadOnlyList<OrtTensorInfo> Inputs { get; }

    /// <summary>The model's outputs, in ORT's order.</summary>
    public IReadOnlyList<OrtTensorInfo> Outputs { get; }

    internal OrtSessionHandle Handle { get; }

    /// <summary>Loads the model file at <paramref name="path"/>.</summary>
    /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>.</exception>
    /// <exception cref="OrtException">ORT could not load the model (corrupt, truncated, unsupported).</exception>
    public static OrtSession Open(string path, OrtSessionSettings? settings = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            throw new FileNotFoundException($"ONNX model file not found: {fullPath}", fullPath);
        }

        var environment = OrtEnvironment.Instance;
        using var options = OrtSessionOptionsBuilder.Build(settings ?? OrtSessionSettings.Default);
        var handle = OrtApi.CreateSession(environment.Handle.DangerousGetHandle(), fullPath, options.DangerousGetHandle());
        return new OrtSession(handle, fullPath);
    }

    /// <summary>Loads a model from its serialized bytes (ORT copies what it needs; the array may be reused).</summary>
    /// <exception cref="OrtException">ORT could not load the model (corrupt, truncated, unsupported).</exception>
    public static OrtSession FromBytes(ReadOnlySpan<byte> model, OrtSessionSettings? settings = null, string? description = null)
    {
        var environment = OrtEnvironment.Instance;
        using var options = OrtSessionOptionsBuilder.Build(settings ?? OrtSessionSettings.Default);
        var handle = OrtApi.CreateSessionFromArray(environment.Handle.DangerousGetHandle(), model, options.DangerousGetHandle());
        return new OrtSession(handle, description ?? $"<{model.Length} bytes>");
    }

    /// <summary>Index of the input called <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No such input; the message lists the inputs.</exception>
    public int InputIndex(string name) => Lookup(_inputIndex, Inputs, name, "input");

    /// <summary>Index of the output called <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No such output; the message lists the outputs.</exception>
    public int OutputIndex(string name) => Lookup(_outputIndex, Outputs, name, "output");

    /// <summary>The model's custom metadata value (ModelProto.metadata_props) for <paramref name="key"/>, or null.</summary>
    public string? GetMetadata(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        ObjectDisposedException.ThrowIf(Handle.IsClosed, this);
        var metadata = OrtApi.SessionGetModelMetadata(Handle.DangerousGetHandle());
        try
        {
            return OrtApi.LookupCustomMetadata(metadata, key);
        }
        finally
        {
            OrtApi.ReleaseModelMetadata(metadata);
        }
    }

    /// <summary>Releases the session once no <see cref="OrtRunner"/> holds it any more.</summary>
    public void Dispose() => Handle.Dispose();

    /// <inheritdoc />
    public override string ToString() =>
        $"OrtSession({Source}; inputs: {string.Join("; ", Inputs)}; outputs: {string.Join("; ", Outputs)})";

    private OrtTensorInfo[] ReadInfos(bool input)
    {
        var session = Handle.DangerousGetHandle();
        var count = input ? OrtApi.SessionGetInputCount(session) : OrtApi.SessionGetOutputCount(session);
        var infos = new OrtTensorInfo[count];
        for (var i = 0; i < count; i++)
        {
            var name = OrtApi.SessionGetName(session, i, input);
            var typeInfo = OrtApi.SessionGetTypeInfo(session, i, input);
            try
            {
                var tensorInfo = OrtApi.CastTypeInfoToTensorInfo(typeInfo);
                infos[i] = tensorInfo == 0
                    ? new OrtTensorInfo(name, OrtElementType.Undefined, Array.Empty<long>())
                    : new OrtTensorInfo(
                        name,
                        (OrtElementType)OrtApi.GetTensorElementType(tensorInfo),
                        Array.AsReadOnly(OrtApi.GetDimensions(tensorInfo)));
            }
            finally
            {
                OrtApi.ReleaseTypeInfo(typeInfo);
            }
        }

        return infos;
    }

    private static Dictionary<string, int> IndexByName(IReadOnlyList<OrtTensorInfo> infos)
    {
        var index = new Dictionary<string, int>(infos.Count, StringComparer.Ordinal);
        for (var i = 0; i < infos.Count; i++)
        {
            index[infos[i].Name] = i;
        }

        return index;
    }

    private int Lookup(Dictionary<string, int> index, IReadOnlyList<OrtTensorInfo> infos, string name, string kind)
    {
        ArgumentNullException.ThrowIfNull(name);
        return index.TryGetValue(name, out var i)
            ? i
            : throw new KeyNotFoundException(
                $"The model {Source} has no {kind} '{name}'; its {kind}s are: {string.Join(", ", infos.Select(x => x.Name))}.");
    }
}
