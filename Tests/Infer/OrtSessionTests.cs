using Harness.Infer.Ort;
using NUnit.Framework;

namespace Harness.Tests.Infer;

[TestFixture]
public class OrtSessionTests
{
    [Test]
    public void GemmModelReportsNamesTypesAndDynamicBatch()
    {
        using var session = OrtSession.Open(OrtTestData.Gemm);

        Assert.That(session.Inputs, Has.Count.EqualTo(1));
        Assert.That(session.Outputs, Has.Count.EqualTo(1));
        Assert.That(session.Inputs[0].Name, Is.EqualTo("x"));
        Assert.That(session.Inputs[0].ElementType, Is.EqualTo(OrtElementType.Float));
        Assert.That(session.Inputs[0].Shape, Is.EqualTo(new long[] { -1, GemmModel.In }));
        Assert.That(session.Outputs[0].Name, Is.EqualTo("y"));
        Assert.That(session.Outputs[0].ElementType, Is.EqualTo(OrtElementType.Float));
        Assert.That(session.Outputs[0].Shape, Is.EqualTo(new long[] { -1, GemmModel.Out }));
        Assert.That(session.Inputs[0].HasSymbolicDimensions, Is.True);
        Assert.That(session.InputIndex("x"), Is.Zero);
        Assert.That(session.OutputIndex("y"), Is.Zero);
        Assert.That(() => session.InputIndex("nope"), Throws.TypeOf<KeyNotFoundException>().With.Message.Contains("x"));
    }

    [TestCase(1)]
    [TestCase(5)]
    public void RunOnceMatchesTheClosedForm(int batch)
    {
        using var session = OrtSession.Open(OrtTestData.Gemm);
        var x = GemmModel.Inputs(batch, salt: batch);

        var y = session.RunOnce(x, [batch, GemmModel.In], out var shape);

        Assert.That(shape, Is.EqualTo(new long[] { batch, GemmModel.Out }));
        Assert.That(y, Is.EqualTo(GemmModel.Expected(x, batch)).Within(GemmModel.Tolerance));
    }

    [TestCase(1)]
    [TestCase(5)]
    public void GemmReluMatchesTheClosedForm(int batch)
    {
        using var session = OrtSession.Open(OrtTestData.GemmRelu);
        var x = GemmModel.Inputs(batch, salt: 3);
        var expected = GemmModel.Expected(x, batch, relu: true);
        Assume.That(expected, Has.Some.EqualTo(0f).And.Some.GreaterThan(0f), "inputs must exercise both ReLU branches");

        Assert.That(session.RunOnce(x, [batch, GemmModel.In]), Is.EqualTo(expected).Within(GemmModel.Tolerance));
    }

    [Test]
    public void SessionFromBytesBehavesLikeFromFile()
    {
        using var session = OrtSession.FromBytes(File.ReadAllBytes(OrtTestData.Gemm));
        var x = GemmModel.Inputs(2, salt: 9);

        Assert.That(session.Inputs[0].Shape, Is.EqualTo(new long[] { -1, GemmModel.In }));
        Assert.That(session.RunOnce(x, [2, GemmModel.In]), Is.EqualTo(GemmModel.Expected(x, 2)));
        Assert.That(session.GetMetadata("harness.test.kind"), Is.EqualTo("gemm"));
    }

    [Test]
    public void MetadataLookupReturnsWrittenValuesAndNullForAbsentKeys()
    {
        using var session = OrtSession.Open(OrtTestData.Gemm);

        foreach (var (key, value) in GemmModel.Metadata)
        {
            Assert.That(session.GetMetadata(key), Is.EqualTo(value));
        }

        Assert.That(session.GetMetadata("harness.absent"), Is.Null);
    }

    [Test]
    public void MissingFileNamesTheFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"harness-no-such-model-{Guid.NewGuid():N}.onnx");

        var error = Assert.Throws<FileNotFoundException>(() => OrtSession.Open(path));
        Assert.That(error!.Message, Does.Contain(path));
        Assert.That(error.FileName, Is.EqualTo(path));
    }

    [Test]
    public void CorruptModelSurfacesOrtsMessageAndTheProcessGoesOn()
    {
        var bytes = new byte[2048];
        new Random(1234).NextBytes(bytes);
        var path = WriteTemp(bytes);
        try
        {
            var fromFile = Assert.Throws<OrtException>(() => OrtSession.Open(path));
            TestContext.Out.WriteLine($"corrupt file: [{fromFile!.Code}] {fromFile.Message}");
            Assert.That(fromFile.Message, Does.Contain("Protobuf parsing failed"));

            var fromBytes = Assert.Throws<OrtException>(() => OrtSession.FromBytes(bytes));
            TestContext.Out.WriteLine($"corrupt bytes: [{fromBytes!.Code}] {fromBytes.Message}");
            Assert.That(fromBytes.Message, Is.Not.Empty);
        }
        finally
        {
            File.Delete(path);
        }

        AssertAValidSessionStillWorks();
    }

    [Test]
    public void TruncatedModelSurfacesOrtsMessageAndTheProcessGoesOn()
    {
        var whole = File.ReadAllBytes(OrtTestData.Gemm);
        var truncated = whole[..(whole.Length / 2)];
        var path = WriteTemp(truncated);
        try
        {
            var fromFile = Assert.Throws<OrtException>(() => OrtSession.Open(path));
            TestContext.Out.WriteLine($"truncated file: [{fromFile!.Code}] {fromFile.Message}");
            Assert.That(fromFile.Message, Is.Not.Empty);

            var fromBytes = Assert.Throws<OrtException>(() => OrtSession.FromBytes(truncated));
            TestContext.Out.WriteLine($"truncated bytes: [{fromBytes!.Code}] {fromBytes.Message}");
            Assert.That(fromBytes.Message, Is.Not.Empty);
        }
        finally
        {
            File.Delete(path);
        }

        AssertAValidSessionStillWorks();
    }

    [Test]
    public void RunOnceRefusesAnInputOfTheWrongSize()
    {
        using var session = OrtSession.Open(OrtTestData.Gemm);

        Assert.That(
            () => session.RunOnce(new float[7], [2, GemmModel.In]),
            Throws.ArgumentException.With.Message.Contains("needs 8 floats"));
    }

    [Test]
    public void RunOnceSurfacesOrtsShapeError()
    {
        using var session = OrtSession.Open(OrtTestData.Gemm);

        // 2 x 3 instead of 2 x 4: ORT's own validation must answer, not a crash.
        var error = Assert.Throws<OrtException>(() => session.RunOnce(new float[6], [2, 3]));
        TestContext.Out.WriteLine($"bad shape: [{error!.Code}] {error.Message}");
        Assert.That(error.Code, Is.EqualTo(OrtErrorCode.InvalidArgument));
    }

    [Test]
    public void RunOnceNeedsASingleInputModel()
    {
        using var session = OrtSession.Open(OrtTestData.AddSub);

        Assert.That(() => session.RunOnce(new float[2], [1, 2]), Throws.InvalidOperationException);
    }

    [Test]
    public void DisposedSessionRefusesWork()
    {
        var session = OrtSession.Open(OrtTestData.Gemm);
        session.Dispose();

        Assert.That(() => session.GetMetadata("harness.test.kind"), Throws.TypeOf<ObjectDisposedException>());
        Assert.That(() => session.RunOnce(new float[4], [1, 4]), Throws.TypeOf<ObjectDisposedException>());
        Assert.That(() => new OrtRunner(session, 1), Throws.TypeOf<ObjectDisposedException>());
    }

    private static void AssertAValidSessionStillWorks()
    {
        using var session = OrtSession.Open(OrtTestData.Gemm);
        var x = GemmModel.Inputs(5, salt: 11);
        Assert.That(session.RunOnce(x, [5, GemmModel.In]), Is.EqualTo(GemmModel.Expected(x, 5)));
    }

    private static string WriteTemp(byte[] bytes)
    {
        var path = Path.Combine(Path.GetTempPath(), $"harness-bad-model-{Guid.NewGuid():N}.onnx");
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
