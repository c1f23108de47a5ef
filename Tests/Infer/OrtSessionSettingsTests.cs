using Harness.Core;
using Harness.Infer.Ort;
using NUnit.Framework;

namespace Harness.Tests.Infer;

[TestFixture]
public class OrtSessionSettingsTests
{
    [Test]
    public void CudaWhereItCannotRunIsRefusedWithTheAvailableProviders()
    {
        var engineDir = Path.GetDirectoryName(Path.GetFullPath(OrtLibrary.LoadedFrom)) ?? "";
        Assume.That(File.Exists(Path.Combine(engineDir, "libonnxruntime_providers_cuda.so")), Is.False,
            "a CUDA provider library is installed here");
        var settings = new OrtSessionSettings { ExecutionProvider = "cuda" };

        var error = Assert.Throws<UsageException>(() => OrtSession.Open(OrtTestData.Gemm, settings));
        TestContext.Out.WriteLine(error!.Message);
        foreach (var provider in OrtRuntime.AvailableProviders)
        {
            Assert.That(error.Message, Does.Contain(provider));
        }

        // The npm engine lists CUDA but cannot start it: ORT's own reason travels along.
        if (OrtRuntime.HasProvider(OrtRuntime.CudaProvider))
        {
            Assert.That(error.InnerException, Is.TypeOf<OrtException>());
            Assert.That(error.Message, Does.Contain(error.InnerException!.Message.TrimEnd()));
        }

        AssertCpuSessionStillWorks();
    }

    [Test]
    public void CudaMissingFromTheLibraryIsRefusedWithTheAvailableProviders()
    {
        var settings = new OrtSessionSettings { ExecutionProvider = "CUDA" };
        string[] cpuOnly = [OrtRuntime.CpuProvider];

        var error = Assert.Throws<UsageException>(() => OrtSessionOptionsBuilder.RequireProvider(settings, cpuOnly));
        Assert.That(error!.Message, Does.Contain(OrtRuntime.CudaProvider));
        Assert.That(error.Message, Does.Contain("Available providers: CPUExecutionProvider."));
        Assert.DoesNotThrow(() => OrtSessionOptionsBuilder.RequireProvider(OrtSessionSettings.Default, cpuOnly));
    }

    [Test]
    public void ValidationListsEveryBadValueAtOnce()
    {
        var settings = new OrtSessionSettings
        {
            IntraOpThreads = -1,
            InterOpThreads = -2,
            GraphOptimization = (OrtGraphOptimization)7,
            ExecutionProvider = "tpu",
            DeviceId = -1,
        };

        var error = Assert.Throws<UsageException>(settings.ThrowIfInvalid);
        Assert.That(error!.Message, Does.Contain("IntraOpThreads = -1"));
        Assert.That(error.Message, Does.Contain("InterOpThreads = -2"));
        Assert.That(error.Message, Does.Contain("GraphOptimization = 7"));
        Assert.That(error.Message, Does.Contain("ExecutionProvider = 'tpu'"));
        Assert.That(error.Message, Does.Contain("DeviceId = -1"));
    }

    [Test]
    public void SpinningIsOffUnlessTheCallerSaysOtherwise()
    {
        Assert.That(
            OrtSessionSettings.Default.EffectiveConfigEntries(),
            Does.Contain(new KeyValuePair<string, string>(OrtSessionSettings.AllowSpinningKey, "0")));

        var custom = new OrtSessionSettings
        {
            ConfigEntries = new Dictionary<string, string> { [OrtSessionSettings.AllowSpinningKey] = "1" },
        };
        Assert.That(
            custom.EffectiveConfigEntries(),
            Is.EqualTo(new[] { new KeyValuePair<string, string>(OrtSessionSettings.AllowSpinningKey, "1") }));
    }

    [TestCase(OrtGraphOptimization.Disable, OrtExecutionMode.Sequential, 1, 1)]
    [TestCase(OrtGraphOptimization.Basic, OrtExecutionMode.Parallel, 2, 2)]
    [TestCase(OrtGraphOptimization.Extended, OrtExecutionMode.Sequential, 0, 0)]
    [TestCase(OrtGraphOptimization.All, OrtExecutionMode.Parallel, 1, 0)]
    public void EverySettingIsAcceptedByOrtAndGivesTheSameResult(
        OrtGraphOptimization level, OrtExecutionMode mode, int intra, int inter)
    {
        var settings = new OrtSessionSettings
        {
            GraphOptimization = level,
            ExecutionMode = mode,
            IntraOpThreads = intra,
            InterOpThreads = inter,
            ConfigEntries = new Dictionary<string, string> { ["session.inter_op.allow_spinning"] = "0" },
        };
        using var session = OrtSession.Open(OrtTestData.GemmRelu, settings);
        var x = GemmModel.Inputs(3, salt: 1);

        Assert.That(session.RunOnce(x, [3, GemmModel.In]), Is.EqualTo(GemmModel.Expected(x, 3, relu: true)));
    }

    [Test]
    public void ConfigEntriesReachOrt()
    {
        // Observable entry: telling ORT that an .onnx file is in ORT format must make the load fail.
        var settings = new OrtSessionSettings
        {
            ConfigEntries = new Dictionary<string, string> { ["session.load_model_format"] = "ORT" },
        };

        var error = Assert.Throws<OrtException>(() => OrtSession.Open(OrtTestData.Gemm, settings).Dispose());
        TestContext.Out.WriteLine($"ORT format forced: [{error!.Code}] {error.Message}");
        Assert.That(error.Message, Does.Contain("ORT model"));
    }

    private static void AssertCpuSessionStillWorks()
    {
        using var session = OrtSession.Open(OrtTestData.Gemm);
        var x = GemmModel.Inputs(2, salt: 4);
        Assert.That(session.RunOnce(x, [2, GemmModel.In]), Is.EqualTo(GemmModel.Expected(x, 2)));
    }
}
