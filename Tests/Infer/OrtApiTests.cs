using Harness.Infer.Ort;
using NUnit.Framework;

namespace Harness.Tests.Infer;

[TestFixture]
public class OrtApiTests
{
    [TestCase(OrtErrorCode.Fail, "plain failure")]
    [TestCase(OrtErrorCode.InvalidArgument, "bad argument: ünïcödé ✓")]
    [TestCase(OrtErrorCode.NotImplemented, "")]
    public void StatusRoundTripsThroughTheSingleErrorPath(OrtErrorCode code, string message)
    {
        var status = OrtApi.CreateStatus(code, message);
        Assert.That(status, Is.Not.Zero);

        // Check reads code and message, releases the status and throws.
        var error = Assert.Throws<OrtException>(() => OrtApi.Check(status));
        Assert.That(error!.Code, Is.EqualTo(code));
        Assert.That(error.Message, Is.EqualTo(message));
    }

    [Test]
    public void NullStatusIsSuccess()
    {
        Assert.DoesNotThrow(() => OrtApi.Check(0));
    }

    [Test]
    [Description("Holds where no CUDA provider library sits next to the engine (every machine without a GPU build).")]
    public void CudaSlotsAnswerWithOrtsOwnErrorOnAMachineWithoutCuda()
    {
        _ = OrtEnvironment.Instance; // ORT logs through the environment's logger while appending a provider
        using var options = OrtApi.CreateSessionOptions();

        // Bypasses the provider check on purpose: exercises slots 204-208 and the error path where CUDA cannot load.
        var error = Assert.Throws<OrtException>(() => OrtApi.AppendCudaProvider(options.DangerousGetHandle(), 0));
        TestContext.Out.WriteLine($"CUDA append: [{error!.Code}] {error.Message}");
        Assert.That(error.Code, Is.Not.EqualTo(OrtErrorCode.Ok));

        // A CPU-only build says CUDA is not enabled; this npm build lists CUDA but lacks its provider libraries.
        Assert.That(error.Message, Does.Contain("CUDA").IgnoreCase.Or.Contain("providers"));
    }
}
