using System.Buffers.Binary;
using System.Text.Json;
using Harness.Core;
using Harness.Train.Checkpoints;
using Harness.Train.Models;
using Harness.Train.Torch;
using NUnit.Framework;

namespace Harness.Tests.Train;

[TestFixture]
public sealed class CheckpointTests
{
    [Test]
    public void RoundTripsEveryParameterAndBufferInTheSafetensorsLayout()
    {
        var path = Path.Combine(Path.GetTempPath(), $"ckpt-{Guid.NewGuid():N}.safetensors");
        try
        {
            Torch.ManualSeed(1);
            using var a = Mlp.Create(5, [4], 3, batchNorm: true, dropout: 0.1);
            using (TensorScope.Begin())
            {
                a.Forward(Tensor.Randn([6, 5])); // moves the running statistics off their initial values
            }

            ModuleState.Save(a, path, new Dictionary<string, string> { ["note"] = "x" });
            Torch.ManualSeed(2);
            using var b = Mlp.Create(5, [4], 3, batchNorm: true, dropout: 0.1);
            var metadata = ModuleState.Load(b, path);

            Assert.That(metadata["note"], Is.EqualTo("x"));
            foreach (var ((name, ta), (_, tb)) in a.NamedState().Zip(b.NamedState()))
            {
                Assert.That(tb.ToFloatArray(), Is.EqualTo(ta.ToFloatArray()), name);
            }

            // Layout: 8-byte little-endian header length, then a JSON header naming each tensor.
            var bytes = File.ReadAllBytes(path);
            var headerLength = (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
            using var header = JsonDocument.Parse(bytes.AsMemory(8, headerLength));
            Assert.That(header.RootElement.GetProperty("0.weight").GetProperty("dtype").GetString(), Is.EqualTo("F32"));
            Assert.That(header.RootElement.GetProperty("1.num_batches_tracked").GetProperty("dtype").GetString(), Is.EqualTo("I64"));
            Assert.That(headerLength % 8, Is.EqualTo(0));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void ACheckpointOfAnotherShapeIsRefusedWithEveryMismatchListed()
    {
        var path = Path.Combine(Path.GetTempPath(), $"ckpt-{Guid.NewGuid():N}.safetensors");
        try
        {
            using var a = Mlp.Create(5, [4], 3, batchNorm: false, dropout: 0);
            ModuleState.Save(a, path);
            using var b = Mlp.Create(5, [8], 3, batchNorm: true, dropout: 0);
            var error = Assert.Throws<UsageException>(() => ModuleState.Load(b, path));
            Assert.That(error!.Message, Does.Contain("'0.weight' is Float32[4, 5] in the file but Float32[8, 5]"));
            Assert.That(error.Message, Does.Contain("missing '1.running_mean'"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void TruncatedCheckpointNamesTheFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"ckpt-{Guid.NewGuid():N}.safetensors");
        File.WriteAllBytes(path, [200, 0, 0, 0, 0, 0, 0, 0, (byte)'{']);
        try
        {
            var error = Assert.Throws<UsageException>(() => Harness.Core.Formats.SafeTensorsFile.Load(path));
            Assert.That(error!.Message, Does.Contain(path));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
