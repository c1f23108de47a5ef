using Harness.Export.Onnx;
using Harness.Export.Onnx.Proto;
using NUnit.Framework;
using AttributeType = Harness.Export.Onnx.Proto.AttributeProto.Types.AttributeType;

namespace Harness.Tests.Export;

/// <summary>A model written by <see cref="OnnxModelWriter"/> reads back unchanged through <see cref="OnnxModelReader"/>.</summary>
[TestFixture]
public sealed class OnnxRoundTripTests
{
    private static readonly OnnxModelInfo Info = new()
    {
        ProducerName = "Harness.Tests",
        ProducerVersion = "1.2.3",
        Domain = "org.harness.tests",
        ModelVersion = 7,
        DocString = "round-trip test model",
        Metadata = new Dictionary<string, string> { ["variant"] = "eval", ["classes"] = "10" },
    };

    [Test]
    public void MlpRoundTripsThroughFile()
    {
        var graph = TestModels.Mlp().Build();
        var model = OnnxModelWriter.CreateModel(graph, Info);
        using var folder = new TempFolder();
        var path = folder.File("sub/mlp.onnx");

        OnnxModelWriter.Write(model, path);
        var read = OnnxModelReader.Read(path);

        Assert.Multiple(() =>
        {
            Assert.That(read, Is.EqualTo(model), "the parsed message equals the written one");
            Assert.That(File.ReadAllBytes(path), Is.EqualTo(OnnxModelWriter.ToBytes(model)));
            Assert.That(Directory.GetFiles(folder.File("sub")), Has.Length.EqualTo(1), "no temp file is left behind");
        });
    }

    [Test]
    public void ModelFieldsAreWritten()
    {
        var model = Reread(OnnxModelWriter.CreateModel(TestModels.Mlp().Build(), Info));

        Assert.Multiple(() =>
        {
            Assert.That(model.IrVersion, Is.EqualTo(8));
            Assert.That(model.OpsetImport.Select(o => (o.Domain, o.Version)), Is.EqualTo(new[] { ("", 17L) }));
            Assert.That(model.ProducerName, Is.EqualTo("Harness.Tests"));
            Assert.That(model.ProducerVersion, Is.EqualTo("1.2.3"));
            Assert.That(model.Domain, Is.EqualTo("org.harness.tests"));
            Assert.That(model.ModelVersion, Is.EqualTo(7));
            Assert.That(model.DocString, Is.EqualTo("round-trip test model"));
            Assert.That(model.MetadataProps.Select(p => (p.Key, p.Value)),
                Is.EqualTo(new[] { ("classes", "10"), ("variant", "eval") }), "metadata, in key order");
            Assert.That(model.Graph.Name, Is.EqualTo("mlp"));
        });
    }

    [Test]
    public void NodesAttributesAndShapesAreWritten()
    {
        var graph = Reread(OnnxModelWriter.CreateModel(TestModels.Mlp().Build(), Info)).Graph;

        Assert.Multiple(() =>
        {
            Assert.That(graph.Node.Select(n => n.OpType), Is.EqualTo(new[] { "Gemm", "BatchNormalization", "Relu", "Gemm" }));
            Assert.That(graph.Node.Select(n => n.Name), Is.EqualTo(new[] { "fc1", "bn1", "relu1", "fc2" }));
            Assert.That(graph.Node[0].Input, Is.EqualTo(new[] { "input", "fc1.weight", "fc1.bias" }));
            Assert.That(graph.Node[1].Input,
                Is.EqualTo(new[] { graph.Node[0].Output[0], "bn1.scale", "bn1.bias", "bn1.running_mean", "bn1.running_var" }));
            Assert.That(graph.Node[3].Output, Is.EqualTo(new[] { "logits" }));

            var transB = graph.Node[0].Attribute.Single();
            Assert.That((transB.Name, transB.Type, transB.I), Is.EqualTo(("transB", AttributeType.Int, 1L)));
            var bn = graph.Node[1].Attribute.ToDictionary(a => a.Name);
            Assert.That(bn.Keys, Is.EquivalentTo(new[] { "epsilon", "momentum" }), "no training_mode attribute");
            Assert.That((bn["epsilon"].Type, bn["epsilon"].F), Is.EqualTo((AttributeType.Float, 1e-3f)));
            Assert.That(bn["momentum"].F, Is.EqualTo(0.9f), "ONNX convention: 1 − PyTorch's 0.1");

            Assert.That(Dims(graph.Input.Single()), Is.EqualTo(new[] { "batch", "8" }));
            Assert.That(graph.Output.Single().Name, Is.EqualTo("logits"));
            Assert.That(Dims(graph.Output.Single()), Is.EqualTo(new[] { "batch", "10" }));
        });
    }

    [Test]
    public void InitializersAreBitwiseEqual()
    {
        var random = new Random(1);
        var w1 = TestModels.Values(random, TestModels.MlpHidden * TestModels.MlpInputs);
        var graph = Reread(OnnxModelWriter.CreateModel(TestModels.Mlp().Build(), Info)).Graph;
        var weight = graph.Initializer.Single(t => t.Name == "fc1.weight");

        Assert.Multiple(() =>
        {
            Assert.That(weight.Dims, Is.EqualTo(new long[] { TestModels.MlpHidden, TestModels.MlpInputs }));
            Assert.That(weight.DataType, Is.EqualTo((int)TensorProto.Types.DataType.Float));
            Assert.That(weight.FloatData, Is.Empty, "data goes to raw_data");
            Assert.That(Bits(OnnxTensors.ToFloatArray(weight)), Is.EqualTo(Bits(w1)));
            Assert.That(weight.RawData.ToByteArray(), Is.EqualTo(LittleEndian(w1)));
            Assert.That(graph.Initializer.Select(t => t.Name), Is.EqualTo(new[]
            {
                "fc1.weight", "fc1.bias", "bn1.scale", "bn1.bias", "bn1.running_mean", "bn1.running_var",
                "fc2.weight", "fc2.bias",
            }));
        });
    }

    [TestCase(13, 7)]
    [TestCase(17, 8)]
    [TestCase(18, 8)]
    [TestCase(19, 9)]
    [TestCase(21, 10)]
    [TestCase(22, 10)]
    [TestCase(23, 11)]
    public void IrVersionFollowsOpset(int opset, long irVersion)
    {
        var model = OnnxModelWriter.CreateModel(TestModels.Mlp().Build(), new OnnxModelInfo { Opset = opset });

        Assert.That((model.IrVersion, model.OpsetImport.Single().Version), Is.EqualTo((irVersion, (long)opset)));
    }

    [Test]
    public void WriteReplacesAnExistingFile()
    {
        using var folder = new TempFolder();
        var path = folder.File("model.onnx");
        File.WriteAllText(path, "old contents");

        OnnxModelWriter.Write(OnnxModelWriter.CreateModel(TestModels.Mlp().Build(), Info), path);

        Assert.That(OnnxModelReader.Read(path).Graph.Name, Is.EqualTo("mlp"));
    }

    private static ModelProto Reread(ModelProto model) =>
        OnnxModelReader.Parse(OnnxModelWriter.ToBytes(model), "in-memory model");

    private static string[] Dims(ValueInfoProto value) =>
        value.Type.TensorType.Shape.Dim.Select(d => d.HasDimParam ? d.DimParam : d.DimValue.ToString()).ToArray();

    private static int[] Bits(float[] values) => values.Select(BitConverter.SingleToInt32Bits).ToArray();

    private static byte[] LittleEndian(float[] values) => values.SelectMany(v =>
    {
        var bytes = BitConverter.GetBytes(v);
        return BitConverter.IsLittleEndian ? bytes : bytes.Reverse().ToArray();
    }).ToArray();
}
