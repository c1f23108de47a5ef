using Harness.Infer.Ort;
using NUnit.Framework;

namespace Harness.Tests.Infer;

[TestFixture]
public class OrtRunnerTests
{
    [TestCase(1)]
    [TestCase(5)]
    public void ReusedBuffersFollowChangingInputs(int batch)
    {
        using var session = OrtSession.Open(OrtTestData.Gemm);
        using var runner = new OrtRunner(session, batch);
        Assert.That(runner.InputShape(0).ToArray(), Is.EqualTo(new long[] { batch, GemmModel.In }));
        Assert.That(runner.OutputShape(0).ToArray(), Is.EqualTo(new long[] { batch, GemmModel.Out }));

        for (var salt = 0; salt < 4; salt++)
        {
            var x = GemmModel.Inputs(batch, salt);
            x.CopyTo(runner.Input(0));
            runner.Run();
            Assert.That(runner.Output(0).ToArray(), Is.EqualTo(GemmModel.Expected(x, batch)).Within(GemmModel.Tolerance),
                $"run {salt}");
        }
    }

    [Test]
    public void SteadyStateRunAllocatesNothing()
    {
        using var session = OrtSession.Open(OrtTestData.GemmRelu);
        using var runner = new OrtRunner(session, 32);
        GemmModel.Inputs(32, salt: 2).CopyTo(runner.Input(0));
        RunMany(runner, 200); // warm-up: JIT tiers, ORT's first-run allocations

        var before = GC.GetAllocatedBytesForCurrentThread();
        RunMany(runner, 1000);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That(allocated, Is.Zero);
        Assert.That(runner.Output(0).ToArray(), Is.EqualTo(GemmModel.Expected(GemmModel.Inputs(32, salt: 2), 32, relu: true)));
    }

    [Test]
    public void SeveralInputsAndOutputsByName()
    {
        using var session = OrtSession.Open(OrtTestData.AddSub);
        using var runner = new OrtRunner(session, 3);
        Assert.That(session.Inputs.Select(i => i.Name), Is.EqualTo(new[] { "a", "b" }));
        Assert.That(session.Outputs.Select(o => o.Name), Is.EqualTo(new[] { "sum", "diff" }));

        float[] a = [1, 2, 3, 4, 5, 6];
        float[] b = [0.5f, -1, 8, 0, -2, 2.5f];
        a.CopyTo(runner.Input("a"));
        b.CopyTo(runner.Input(runner.InputIndex("b")));
        runner.Run();

        Assert.That(runner.Output("sum").ToArray(), Is.EqualTo(a.Zip(b, (p, q) => p + q).ToArray()));
        Assert.That(runner.Output(runner.OutputIndex("diff")).ToArray(), Is.EqualTo(a.Zip(b, (p, q) => p - q).ToArray()));
    }

    [Test]
    public void UnresolvableShapesNeedTheCallersShapes()
    {
        using var session = OrtSession.Open(OrtTestData.ReluDynamic);
        Assert.That(session.Inputs[0].Shape, Is.EqualTo(new long[] { -1, -1 }));

        Assert.That(
            () => new OrtRunner(session, 2),
            Throws.ArgumentException.With.Message.Contains("'x'").And.Message.Contains("shapes"));

        var shapes = new Dictionary<string, long[]> { ["x"] = [2, 3], ["y"] = [2, 3] };
        using var runner = new OrtRunner(session, 2, shapes);
        float[] x = [-1, 2, -3, 4, 0, -0.5f];
        x.CopyTo(runner.Input(0));
        runner.Run();

        Assert.That(runner.Output(0).ToArray(), Is.EqualTo(new float[] { 0, 2, 0, 4, 0, 0 }));
    }

    [Test]
    public void AShapeContradictingTheModelIsRefused()
    {
        using var session = OrtSession.Open(OrtTestData.Gemm);
        var shapes = new Dictionary<string, long[]> { ["x"] = [2, 5] };

        Assert.That(() => new OrtRunner(session, 2, shapes), Throws.ArgumentException.With.Message.Contains("[-1, 4]"));
    }

    [Test]
    public void AnOutputShapeThatDisagreesWithTheGraphSurfacesOrtsError()
    {
        using var session = OrtSession.Open(OrtTestData.ReluDynamic);
        var shapes = new Dictionary<string, long[]> { ["x"] = [2, 3], ["y"] = [2, 4] };
        using var runner = new OrtRunner(session, 2, shapes);

        var error = Assert.Throws<OrtException>(runner.Run);
        TestContext.Out.WriteLine($"output shape mismatch: [{error!.Code}] {error.Message}");
        Assert.That(error.Message, Is.Not.Empty);
    }

    [Test]
    public void TheRunnerKeepsItsSessionAliveUntilDisposed()
    {
        var session = OrtSession.Open(OrtTestData.Gemm);
        var runner = new OrtRunner(session, 2);
        session.Dispose(); // deferred: the runner still holds the native session

        var x = GemmModel.Inputs(2, salt: 5);
        x.CopyTo(runner.Input(0));
        runner.Run();
        Assert.That(runner.Output(0).ToArray(), Is.EqualTo(GemmModel.Expected(x, 2)));

        runner.Dispose();
        runner.Dispose(); // idempotent
        Assert.That(runner.Run, Throws.TypeOf<ObjectDisposedException>());
    }

    [Test]
    public void BatchSizeMustBePositive()
    {
        using var session = OrtSession.Open(OrtTestData.Gemm);

        Assert.That(() => new OrtRunner(session, 0), Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    private static void RunMany(OrtRunner runner, int count)
    {
        for (var i = 0; i < count; i++)
        {
            runner.Run();
        }
    }
}
