using Harness.Core.Configuration;
using Harness.Train.Configuration;
using Harness.Train.Models;
using Harness.Train.Modules;
using Harness.Train.Torch;
using NUnit.Framework;

namespace Harness.Tests.Train.Models;

[TestFixture]
public sealed class ModelFactoryTests
{
    // Parameter counts of the defaults (Channels [32, 64, 128], Blocks [2, 2, 2], Hidden [256], batch norm,
    // 10 classes), by hand: weights k·k·in·out, BatchNorm 2·c, head 128·10 + 10 = 1290.
    // CNN: convs 9·(1·32 + 32·32 + 32·64 + 64·64 + 64·128 + 128·128) = 285 984, BN 2·2·(32 + 64 + 128) = 896.
    // ResNet: stem 9·32 + 64 = 352; stage 0: 2·(2·9·32·32 + 2·64) = 37 120; stage 1: 9·32·64 + 9·64·64 + 32·64
    // + 3·128 = 57 728 and 2·9·64·64 + 2·128 = 73 984; stage 2: 9·64·128 + 9·128·128 + 64·128 + 3·256 = 230 144
    // and 2·9·128·128 + 2·256 = 295 424. MLP: 784·256 + 256 + 2·256 + 256·10 + 10.
    [TestCase("cnn", 1, 28, 288_170)]
    [TestCase("cnn", 3, 32, 288_170 + 2 * 9 * 32)]
    [TestCase("resnet", 1, 28, 696_042)]
    [TestCase("resnet", 3, 32, 696_042 + 2 * 9 * 32)]
    [TestCase("mlp", 1, 28, 204_042)]
    public void DefaultModelsHaveTheirHandCountedParameterCounts(string kind, int channels, int size, long expected)
    {
        var built = ModelFactory.Create(new ModelOptions { Kind = kind }, channels, size, size, 10);
        using var model = built.Module;
        Assert.That(model.ParameterCount, Is.EqualTo(expected));
        Assert.That(model.ParameterCount, Is.LessThan(1_000_000));
        Assert.That(built.InputShape, Is.EqualTo(kind == "mlp" ? new long[] { channels * size * size } : new long[] { channels, size, size }));
    }

    [TestCase("cnn", 1, 28)]
    [TestCase("cnn", 3, 32)]
    [TestCase("resnet", 3, 32)]
    public void DefaultConvModelsMapABatchOfImagesToLogits(string kind, int channels, int size)
    {
        Torch.ManualSeed(41);
        using var model = ModelFactory.Create(new ModelOptions { Kind = kind }, channels, size, size, 10).Module;
        using var scope = TensorScope.Begin();
        Assert.That(model.Forward(Tensor.Randn([2, channels, size, size])).Shape, Is.EqualTo(new long[] { 2, 10 }));
    }

    [Test]
    public void EveryPublicPropertyIsASettableKey()
    {
        // The binder offers every public property as a configuration key; a read-only one would fail to bind.
        Assert.That(typeof(ModelOptions).GetProperties().Where(p => !p.CanWrite).Select(p => p.Name), Is.Empty);
        var (configuration, _) = HarnessConfiguration.Load(
            ["--Model:Kind=resnet", "--Model:Channels:0=16", "--Model:Channels:1=32", "--Model:Blocks:0=1", "--Model:Blocks:1=2",
             "--Model:StochasticDepth=0.1", "--Model:Norm=group", "--Model:Groups=4"],
            Harness.Core.RepoPaths.AppSettings);
        var binder = new OptionsBinder(configuration);
        var options = binder.Bind<ModelOptions>("Model");
        binder.ThrowIfInvalid();
        Assert.That(options.Channels, Is.EqualTo(new[] { 16, 32, 128 }), "Microsoft.Extensions.Configuration merges arrays index by index: an override cannot shorten a list");
    }

    [Test]
    public void BadOptionsAreRejectedWithEveryErrorListed()
    {
        var options = new ModelOptions
        {
            Kind = "transformer", Norm = "weird", Pool = "max", Groups = 0, Dropout = 1, Dropout2d = -0.1,
            DropConnect = 2, StochasticDepth = double.NaN, Hidden = [], Channels = [0, 8], Blocks = [65],
        };
        var error = Assert.Throws<ArgumentException>(() => ModelFactory.Create(options, 0, 28, 28, 1));
        Assert.That(error!.Message, Does.Contain("Kind = 'transformer': must be one of mlp, cnn, resnet")
            .And.Contain("Norm = 'weird'").And.Contain("Pool = 'max'").And.Contain("Groups = 0")
            .And.Contain("Dropout = 1:").And.Contain("Dropout2d = -0.1").And.Contain("DropConnect = 2")
            .And.Contain("StochasticDepth = NaN").And.Contain("Hidden = []").And.Contain("Channels = [0, 8]")
            .And.Contain("Blocks = [65]").And.Contain("input shape 0×28×28").And.Contain("classes = 1"));
        Assert.That(error.Message.Split('\n').Count(l => l.StartsWith("  - ", StringComparison.Ordinal)), Is.EqualTo(13));
    }

    [Test]
    public void SettingsThatDoNotApplyToTheKindAreErrorsNotSilentlyIgnored()
    {
        string Errors(ModelOptions o) => string.Join("\n", o.Validate());
        Assert.That(Errors(new ModelOptions { Kind = "mlp", Norm = "group", Dropout2d = 0.1, StochasticDepth = 0.1 }),
            Does.Contain("Norm = 'group': not available for Kind = mlp").And.Contain("Dropout2d = 0.1: applies only to")
                .And.Contain("StochasticDepth = 0.1: applies only to Kind = resnet"));
        Assert.That(Errors(new ModelOptions { Kind = "cnn", Norm = "rms", DropConnect = 0.2 }),
            Does.Contain("Norm = 'rms': not available for Kind = cnn").And.Contain("DropConnect = 0.2: applies only to Kind = mlp"));
        Assert.That(Errors(new ModelOptions { Kind = "resnet", Norm = "group", Groups = 3, Channels = [6, 8], Blocks = [1] }),
            Does.Contain("Groups = 3: must divide every width of Channels [6, 8]").And.Contain("(8 is not a multiple)")
                .And.Contain("Blocks = [1]: needs one entry per stage"));
        Assert.That(Errors(new ModelOptions { Kind = "resnet", Channels = [8], Blocks = [1], StochasticDepth = 0.2 }),
            Does.Contain("has no effect with a single block"));
        Assert.That(new ModelOptions().Validate(), Is.Empty);
        Assert.That(new ModelOptions { Kind = "ResNet", Norm = "Group", Groups = 4, StochasticDepth = 0.1 }.Validate(), Is.Empty);

        var tooDeep = Assert.Throws<ArgumentException>(() =>
            ModelFactory.Create(new ModelOptions { Channels = [4, 4, 4, 4, 4] }, 1, 28, 28, 10));
        Assert.That(tooDeep!.Message, Does.Contain("5 stages pool 28×28 inputs below 1×1").And.Contain("at most 4 stages"));
    }

    [Test]
    public void NormAndDropConnectChooseTheMlpLayers()
    {
        using var batch = Build(new ModelOptions { Kind = "mlp", Hidden = [8, 4], Norm = "batch" });
        using var layer = Build(new ModelOptions { Kind = "mlp", Hidden = [8], Norm = "layer", Dropout = 0 });
        using var rms = Build(new ModelOptions { Kind = "mlp", Hidden = [8], Norm = "rms", DropConnect = 0.3 });
        Assert.That(Types(batch), Is.EqualTo(new[]
        {
            typeof(Linear), typeof(BatchNorm1d), typeof(ReLU), typeof(Dropout),
            typeof(Linear), typeof(BatchNorm1d), typeof(ReLU), typeof(Dropout), typeof(Linear),
        }));
        Assert.That(Types(layer), Is.EqualTo(new[] { typeof(Linear), typeof(LayerNorm), typeof(ReLU), typeof(Linear) }));
        Assert.That(Types(rms), Is.EqualTo(new[]
        {
            typeof(DropConnectLinear), typeof(RMSNorm), typeof(ReLU), typeof(Dropout), typeof(Linear),
        }), "DropConnect on the hidden layers only; the head stays a Linear");
        Assert.That(((DropConnectLinear)((Sequential)rms).Layers[0]).P, Is.EqualTo(0.3));

        static IEnumerable<Type> Types(Module m) => ((Sequential)m).Layers.Select(l => l.GetType());
    }

    [Test]
    public void NormChoosesTheConvLayers()
    {
        using var group = Build(new ModelOptions { Kind = "cnn", Channels = [4, 8], Norm = "group", Groups = 2 }, 8);
        using var none = Build(new ModelOptions { Kind = "resnet", Channels = [4, 8], Blocks = [1, 1], Norm = "none" }, 8);
        var groupNorms = group.NamedModules().Select(m => m.Module).OfType<GroupNorm>().ToList();
        Assert.That(groupNorms, Has.Count.EqualTo(4));
        Assert.That(groupNorms.Select(g => g.Groups), Is.All.EqualTo(2));
        Assert.That(group.NamedModules().Select(m => m.Module).OfType<BatchNormBase>(), Is.Empty);
        Assert.That(none.NamedModules().Select(m => m.Module).OfType<Conv2d>().Select(c => c.Bias), Is.All.Not.Null,
            "without a norm every convolution has its bias");
        Assert.That(none.NamedBuffers(), Is.Empty);
    }

    private static Module Build(ModelOptions options, int size = 4) =>
        ModelFactory.Create(options, 1, size, size, 3).Module;
}
