using Google.Protobuf;
using Harness.Export.Onnx.Proto;

namespace Harness.Export.Onnx;

/// <summary>Wraps a graph into an ONNX <see cref="ModelProto"/> and writes it to bytes or to a file.</summary>
public static class OnnxModelWriter
{
    /// <summary>
    /// The model: IR version chosen from the opset, one opset_import for the default domain, producer,
    /// domain, model version, doc string and metadata from <paramref name="info"/>, and a copy of the graph.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The opset is not supported.</exception>
    /// <exception cref="ArgumentException">A metadata key is empty.</exception>
    public static ModelProto CreateModel(GraphProto graph, OnnxModelInfo info)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(info);
        var model = new ModelProto
        {
            IrVersion = OnnxVersions.IrVersionFor(info.Opset),
            ProducerName = info.ProducerName,
            ProducerVersion = info.ProducerVersion,
            Graph = graph.Clone(),
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = info.Opset });
        if (info.Domain is not null)
        {
            model.Domain = info.Domain;
        }

        if (info.ModelVersion is { } version)
        {
            model.ModelVersion = version;
        }

        if (info.DocString is not null)
        {
            model.DocString = info.DocString;
        }

        foreach (var (key, value) in info.Metadata.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(key, nameof(info));
            model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        }

        return model;
    }

    /// <summary>The serialized model.</summary>
    public static byte[] ToBytes(ModelProto model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.ToByteArray();
    }

    /// <summary>
    /// Writes the model to <paramref name="path"/> atomically: the bytes go to a temporary file in the same
    /// folder, flushed to disk, which then replaces the target; readers never see a partial file. The folder
    /// is created when missing.
    /// </summary>
    public static void Write(ModelProto model, string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var bytes = ToBytes(model);
        var fullPath = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(fullPath)!;
        Directory.CreateDirectory(folder);
        var temp = Path.Combine(folder, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, fullPath, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
