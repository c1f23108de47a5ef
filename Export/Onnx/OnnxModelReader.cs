using Google.Protobuf;
using Harness.Export.Onnx.Proto;

namespace Harness.Export.Onnx;

/// <summary>
/// Reads ONNX models, ours or foreign. Fields our schema does not model are kept as unknown fields. A buffer
/// that is not protobuf, or protobuf without the fields every ONNX model has (ir_version, opset_import, graph),
/// is rejected with an <see cref="OnnxFormatException"/> naming the source.
/// </summary>
public static class OnnxModelReader
{
    /// <summary>Reads and checks the model in <paramref name="path"/>.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="OnnxFormatException">The file is not a valid ONNX model (garbage, truncated...).</exception>
    public static ModelProto Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"ONNX model '{path}' does not exist.", path);
        }

        return Parse(File.ReadAllBytes(path), path);
    }

    /// <summary>Parses and checks a serialized model; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="OnnxFormatException">The bytes are not a valid ONNX model.</exception>
    public static ModelProto Parse(byte[] bytes, string source)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        ModelProto model;
        try
        {
            model = ModelProto.Parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new OnnxFormatException(
                source, $"'{source}' is not a valid ONNX model (protobuf error: {e.Message}).", e);
        }

        var missing = MissingFields(model);
        if (missing.Count > 0)
        {
            throw new OnnxFormatException(source,
                $"'{source}' is not a valid ONNX model: it has no {string.Join(", no ", missing)} " +
                "(the file may be truncated or not an ONNX file).");
        }

        return model;
    }

    private static List<string> MissingFields(ModelProto model)
    {
        var missing = new List<string>();
        if (!model.HasIrVersion || model.IrVersion < 1)
        {
            missing.Add("ir_version");
        }

        if (model.OpsetImport.Count == 0)
        {
            missing.Add("opset_import");
        }

        if (model.Graph is null)
        {
            missing.Add("graph");
        }

        return missing;
    }
}
