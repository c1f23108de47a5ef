using Google.Protobuf;
using Harness.Core;
using Harness.Export.Onnx;
using Harness.Export.Onnx.Proto;
using NUnit.Framework;

namespace Harness.Tests.Export;

/// <summary><see cref="OnnxModelReader"/> reads foreign models losslessly and rejects files that are not ONNX.</summary>
[TestFixture]
public sealed class OnnxModelReaderTests
{
    /// <summary>Written by Tests/Data/Export/make_foreign_model.py with ONNX's own helpers.</summary>
    private static string ForeignModel => Path.Combine(RepoPaths.Root, "Tests", "Data", "Export", "foreign_model.onnx");

    [Test]
    public void ReadsAForeignModel()
    {
        var model = OnnxModelReader.Read(ForeignModel);
        var constant = model.Graph.Node[0].Attribute.Single();

        Assert.Multiple(() =>
        {
            Assert.That(model.ProducerName, Is.EqualTo("onnx.helper"));
            Assert.That(model.Graph.Node.Select(n => n.OpType), Is.EqualTo(new[] { "Constant", "Add" }));
            Assert.That(model.Graph.Node[1].DocString, Is.EqualTo("adds a constant"));
            Assert.That(OnnxTensors.ToFloatArray(constant.T), Is.EqualTo(new[] { 1.5f, -2f }));
            Assert.That(model.Graph.ValueInfo.Single().Name, Is.EqualTo("c"));
            Assert.That(model.Graph.Input[0].Type.TensorType.Shape.Dim[0].DimParam, Is.EqualTo("N"));
            Assert.That(model.Graph.Input[1].Type.ValueCase, Is.EqualTo(TypeProto.ValueOneofCase.None),
                "a sequence type is outside our schema");
            Assert.That(model.MetadataProps.Single().Value, Is.EqualTo("make_foreign_model.py"));
        });
    }

    [Test]
    public void FieldsOutsideOurSchemaSurviveAWriteBack()
    {
        var bytes = File.ReadAllBytes(ForeignModel);

        var written = OnnxModelWriter.ToBytes(OnnxModelReader.Parse(bytes, ForeignModel));

        Assert.That(written, Is.EqualTo(bytes), "sparse initializer and sequence type are kept as unknown fields");
    }

    [Test]
    public void RejectsGarbageNamingTheFile()
    {
        using var folder = new TempFolder();
        var path = folder.File("garbage.onnx");
        File.WriteAllText(path, "this is not an ONNX model, just some text");

        Assert.That(() => OnnxModelReader.Read(path),
            Throws.InstanceOf<OnnxFormatException>()
                .With.Message.Contains($"'{path}' is not a valid ONNX model")
                .And.Property(nameof(OnnxFormatException.SourceName)).EqualTo(path));
    }

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(0.5)]
    [TestCase(-1)]
    public void RejectsATruncatedModelNamingTheFile(double keep)
    {
        var bytes = OnnxModelWriter.ToBytes(OnnxModelWriter.CreateModel(
            TestModels.Mlp().Build(),
            new OnnxModelInfo { Metadata = new Dictionary<string, string> { ["k"] = "v" } }));
        // keep: a fraction of the bytes, or a count of bytes (0, 1), or −1 for all but the last byte.
        var length = keep switch { -1 => bytes.Length - 1, < 1 and > 0 => (int)(bytes.Length * keep), _ => (int)keep };
        using var folder = new TempFolder();
        var path = folder.File("truncated.onnx");
        File.WriteAllBytes(path, bytes[..length]);

        Assert.That(() => OnnxModelReader.Read(path),
            Throws.InstanceOf<OnnxFormatException>().With.Message.Contains($"'{path}' is not a valid ONNX model"));
    }

    [Test]
    public void RejectsProtobufThatIsNotAModel()
    {
        var bytes = new OperatorSetIdProto { Domain = "", Version = 17 }.ToByteArray();

        Assert.That(() => OnnxModelReader.Parse(bytes, "opset.bin"),
            Throws.InstanceOf<OnnxFormatException>().With.Message.Contains("'opset.bin' is not a valid ONNX model"));
    }

    [Test]
    public void MissingFileIsNamed()
    {
        using var folder = new TempFolder();
        var path = folder.File("missing.onnx");

        Assert.That(() => OnnxModelReader.Read(path),
            Throws.InstanceOf<FileNotFoundException>().With.Message.Contains(path));
    }
}
