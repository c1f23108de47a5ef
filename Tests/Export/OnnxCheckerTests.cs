using System.Text.Json;
using Harness.Export.Onnx;
using NUnit.Framework;

namespace Harness.Tests.Export;

/// <summary>
/// ONNX's own tools accept what we write: <c>onnx.checker.check_model(full_check=True)</c> passes, and
/// <c>onnx.shape_inference</c> agrees with every shape our builder tracked. Needs python3-onnx; ignored without.
/// </summary>
[TestFixture]
public sealed class OnnxCheckerTests
{
    private TempFolder _folder = null!;
    private Dictionary<string, Dictionary<string, string?[]?>> _inferred = null!;

    [OneTimeSetUp]
    public void CheckBothModels()
    {
        var python = PythonTools.RequireOnnx();
        _folder = new TempFolder();
        var paths = new[] { Path("mlp"), Path("all_ops") };
        OnnxModelWriter.Write(Model(TestModels.Mlp()), paths[0]);
        OnnxModelWriter.Write(Model(TestModels.AllOps()), paths[1]);
        // One subprocess for both models keeps the fixture fast; a checker failure fails here with ONNX's message.
        var json = PythonTools.RunScript(python, "onnx_check.py", paths);
        _inferred = JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, JsonElement[]?>>>(json)!
            .ToDictionary(m => m.Key, m => m.Value.ToDictionary(v => v.Key, v => v.Value?.Select(DimText).ToArray()));
    }

    [OneTimeTearDown]
    public void DeleteFolder() => _folder?.Dispose();

    [Test]
    public void MlpOutputShapeIsBatchBy10()
    {
        Assert.That(_inferred[Path("mlp")]["logits"], Is.EqualTo(new[] { "batch", "10" }));
    }

    [TestCase("mlp")]
    [TestCase("all_ops")]
    public void TrackedShapesAgreeWithOnnxShapeInference(string name)
    {
        var builder = name == "mlp" ? TestModels.Mlp() : TestModels.AllOps();
        var inferred = _inferred[Path(name)];
        var values = builder.Build().Node.SelectMany(n => n.Output).ToArray();
        var compared = 0;

        Assert.Multiple(() =>
        {
            foreach (var value in values)
            {
                Assert.That(inferred.ContainsKey(value), $"ONNX inferred a shape for '{value}'");
                var ours = builder.ShapeOf(value);
                if (ours is null || !inferred.TryGetValue(value, out var theirs) || theirs is null)
                {
                    continue;
                }

                Assert.That(theirs, Has.Length.EqualTo(ours.Count), $"rank of '{value}'");
                // Compare where both sides know the dimension: ONNX names dimensions it cannot derive "unk__N".
                foreach (var (mine, onnx) in ours.Zip(theirs))
                {
                    if (mine != OnnxDim.Unknown && onnx is not null && !onnx.StartsWith("unk__", StringComparison.Ordinal))
                    {
                        Assert.That(mine.ToString(), Is.EqualTo(onnx), $"shape of '{value}': ours {string.Join(", ", ours)}");
                        compared++;
                    }
                }
            }

            Assert.That(compared, Is.GreaterThanOrEqualTo(2 * values.Length), "dimensions actually compared");
        });
    }

    private string Path(string name) => _folder.File($"{name}.onnx");

    private static Harness.Export.Onnx.Proto.ModelProto Model(OnnxGraphBuilder builder) =>
        OnnxModelWriter.CreateModel(builder.Build(), new OnnxModelInfo());

    private static string? DimText(JsonElement dim) => dim.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.Number => dim.GetInt64().ToString(),
        _ => dim.GetString(),
    };
}
