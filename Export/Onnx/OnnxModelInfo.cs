namespace Harness.Export.Onnx;

/// <summary>The model-level fields <see cref="OnnxModelWriter"/> puts around a graph.</summary>
public sealed record OnnxModelInfo
{
    /// <summary>The ai.onnx opset the graph's nodes follow; the IR version is derived from it
    /// (<see cref="OnnxVersions.IrVersionFor"/>).</summary>
    public int Opset { get; init; } = OnnxVersions.DefaultOpset;

    /// <summary>The tool that wrote the model (ONNX's producer_name).</summary>
    public string ProducerName { get; init; } = "Harness";

    /// <summary>The producer's version (ONNX's producer_version).</summary>
    public string ProducerVersion { get; init; } = "0.1";

    /// <summary>Optional reverse-DNS namespace of the model, for example <c>"org.example.fashion"</c>.</summary>
    public string? Domain { get; init; }

    /// <summary>Optional integer version of the model itself.</summary>
    public long? ModelVersion { get; init; }

    /// <summary>Optional human-readable description of the model.</summary>
    public string? DocString { get; init; }

    /// <summary>Free-form string metadata (ONNX's metadata_props), written in key order.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();
}
