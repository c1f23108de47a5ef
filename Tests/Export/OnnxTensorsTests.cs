using Google.Protobuf;
using Harness.Export.Onnx;
using Harness.Export.Onnx.Proto;
using NUnit.Framework;

namespace Harness.Tests.Export;

/// <summary><see cref="OnnxTensors"/> writes little-endian raw data and reads both raw and typed data.</summary>
[TestFixture]
public sealed class OnnxTensorsTests
{
    [Test]
    public void FloatRawDataIsLittleEndian()
    {
        var tensor = OnnxTensors.Float("t", [1f, -2f], [2]);

        Assert.That(tensor.RawData.ToByteArray(), Is.EqualTo(new byte[] { 0, 0, 0x80, 0x3F, 0, 0, 0, 0xC0 }));
    }

    [Test]
    public void Int64AndBoolRoundTrip()
    {
        var int64 = OnnxTensors.Int64("shape", [-1, 4, long.MaxValue], [3]);
        var flag = OnnxTensors.Bool("flag", [true], []);

        Assert.Multiple(() =>
        {
            Assert.That(OnnxTensors.ToInt64Array(int64), Is.EqualTo(new[] { -1, 4, long.MaxValue }));
            Assert.That(flag.Dims, Is.Empty, "a scalar");
            Assert.That(flag.RawData.ToByteArray(), Is.EqualTo(new byte[] { 1 }));
        });
    }

    [Test]
    public void ReadsTypedFieldsOfForeignWriters()
    {
        var tensor = new TensorProto { Name = "f", DataType = (int)TensorProto.Types.DataType.Float, Dims = { 2 } };
        tensor.FloatData.Add([0.5f, 3f]);

        Assert.That(OnnxTensors.ToFloatArray(tensor), Is.EqualTo(new[] { 0.5f, 3f }));
    }

    [Test]
    public void RejectsMismatchedData()
    {
        var shortRaw = new TensorProto
        {
            Name = "r", DataType = (int)TensorProto.Types.DataType.Float, Dims = { 3 },
            RawData = ByteString.CopyFrom(new byte[8]),
        };

        Assert.Multiple(() =>
        {
            Assert.That(() => OnnxTensors.ToFloatArray(shortRaw),
                Throws.InstanceOf<InvalidDataException>().With.Message.Contains("needs 12 bytes of raw_data but has 8"));
            Assert.That(() => OnnxTensors.ToInt64Array(OnnxTensors.Float("f", [1f], [1])),
                Throws.ArgumentException.With.Message.Contains("has data type Float, not Int64"));
            Assert.That(() => OnnxTensors.Float("n", [1f], [-1]),
                Throws.ArgumentException.With.Message.Contains("cannot be negative"));
        });
    }
}
