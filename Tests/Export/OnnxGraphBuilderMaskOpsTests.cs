using Harness.Export.Onnx;
using NUnit.Framework;
using DataType = Harness.Export.Onnx.Proto.TensorProto.Types.DataType;

namespace Harness.Tests.Export;

/// <summary>
/// The op helpers added for decompositions and MC-dropout masks: shapes and element types are tracked, bad
/// arguments are refused before anything is added, and opset-dependent forms follow the builder's opset.
/// </summary>
[TestFixture]
public sealed class OnnxGraphBuilderMaskOpsTests
{
    [Test]
    public void ReduceMeanWritesAxesAsAttributeBelow18AndAsInputFrom18()
    {
        foreach (var (opset, asInput) in new[] { (17, false), (18, true) })
        {
            var graph = new OnnxGraphBuilder("g", opset: opset);
            var x = graph.AddInput("x", ["batch", 3, 4, 4]);
            var y = graph.ReduceMean(x, [2, 3]);
            Assert.That(graph.ShapeOf(y)!.Select(d => d.ToString()), Is.EqualTo(new[] { "batch", "3", "1", "1" }));
            graph.AddOutput(y);
            var node = graph.Build().Node.Single();
            Assert.That(node.Input.Count == 2, Is.EqualTo(asInput), $"opset {opset}");
            Assert.That(node.Attribute.Any(a => a.Name == "axes"), Is.EqualTo(!asInput), $"opset {opset}");
        }
    }

    [Test]
    public void ReduceMeanRefusesBadAxesAndLeavesTheGraphUnchanged()
    {
        var graph = new OnnxGraphBuilder("g");
        var x = graph.AddInput("x", ["batch", 3]);
        Assert.That(() => graph.ReduceMean(x, [2]), Throws.ArgumentException.With.Message.Contains("axis 2 is out of range"));
        Assert.That(() => graph.ReduceMean(x, [1, -1]), Throws.ArgumentException.With.Message.Contains("twice"));
        Assert.That(() => graph.ReduceMean(x, []), Throws.ArgumentException.With.Message.Contains("at least one axis"));
        var y = graph.ReduceMean(x, [1], keepDims: false);
        Assert.That(graph.ShapeOf(y)!.Select(d => d.ToString()), Is.EqualTo(new[] { "batch" }));
    }

    [Test]
    public void ComparisonsAreBoolAndCastChangesTheType()
    {
        var graph = new OnnxGraphBuilder("g");
        var x = graph.AddInput("x", ["batch", 5]);
        var u = graph.RandomUniformLike(x);
        var keep = graph.Less(u, graph.AddScalar("p", 0.7f));
        Assert.That(() => graph.Mul(keep, x), Throws.ArgumentException.With.Message.Contains("Cast one first"));
        var mask = graph.Cast(keep, DataType.Float);
        var y = graph.Mul(x, mask);
        graph.AddOutput(keep);
        graph.AddOutput(y);
        var outputs = graph.Build().Output;
        Assert.That(outputs.Select(o => (DataType)o.Type.TensorType.ElemType), Is.EqualTo(new[] { DataType.Bool, DataType.Float }));
        Assert.That(graph.ShapeOf(y)!.Select(d => d.ToString()), Is.EqualTo(new[] { "batch", "5" }));
    }

    [Test]
    public void RandomUniformLikeRefusesEmptyOrInfiniteRanges()
    {
        var graph = new OnnxGraphBuilder("g");
        var x = graph.AddInput("x", [2]);
        Assert.That(() => graph.RandomUniformLike(x, 1, 1), Throws.ArgumentException.With.Message.Contains("low < high"));
        Assert.That(() => graph.RandomUniformLike(x, 0, float.PositiveInfinity), Throws.ArgumentException);
        Assert.That(() => graph.AddScalar("s", float.NaN), Throws.ArgumentException.With.Message.Contains("finite"));
    }

    [Test]
    public void NormalizationOperatorsNewerThanTheOpsetAreRefused()
    {
        var graph = new OnnxGraphBuilder("g", opset: 13);
        var x = graph.AddInput("x", ["batch", 4]);
        Assert.That(() => graph.LayerNormalization(x, [1, 1, 1, 1], null, [4]),
            Throws.InvalidOperationException.With.Message.Contains("LayerNormalization needs opset 17"));
        Assert.That(() => new OnnxGraphBuilder("g", opset: 22).RmsNormalization("x", [1], [1], 1e-5f),
            Throws.InvalidOperationException.With.Message.Contains("RMSNormalization needs opset 23"));
        Assert.That(() => new OnnxGraphBuilder("g", opset: 24), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void GemmOverComputedWeightChecksShapes()
    {
        var graph = new OnnxGraphBuilder("g");
        var x = graph.AddInput("x", ["batch", 3]);
        var w = graph.AddInitializer("w", new float[8], [2, 4]);
        Assert.That(() => graph.Gemm(x, w, null), Throws.ArgumentException.With.Message.Contains("weight 'w'"));
        var w2 = graph.AddInitializer("w2", new float[6], [2, 3]);
        var b = graph.AddInitializer("b", new float[3], [3]);
        Assert.That(() => graph.Gemm(x, w2, b), Throws.ArgumentException.With.Message.Contains("bias 'b'"));
        var y = graph.Gemm(x, w2, graph.AddInitializer("b2", new float[2], [2]));
        Assert.That(graph.ShapeOf(y)!.Select(d => d.ToString()), Is.EqualTo(new[] { "batch", "2" }));
    }
}
