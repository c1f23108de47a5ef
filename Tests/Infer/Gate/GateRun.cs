using Harness.Export.Onnx;
using Harness.Export.Onnx.Proto;
using Harness.Export.Probe;
using Harness.Infer.Checks;
using Harness.Infer.Ort;
using Harness.Tests.Export;

namespace Harness.Tests.Infer.Gate;

/// <summary>Runs the gate in-process on models held in memory (written to a temporary folder first).</summary>
internal static class GateRun
{
    /// <summary>One intra-op thread: the machine is shared, and the gate's models are tiny.</summary>
    public static OrtSessionSettings Settings { get; } = new() { IntraOpThreads = 1, InterOpThreads = 1 };

    public static GateReport Check(ModelProto model, ModelProto? mc = null, ModelProbe? probe = null)
    {
        using var folder = new TempFolder();
        var modelPath = folder.File("model.onnx");
        OnnxModelWriter.Write(model, modelPath);
        string? mcPath = null, probePath = null;
        if (mc is not null)
        {
            mcPath = folder.File("model.mc.onnx");
            OnnxModelWriter.Write(mc, mcPath);
        }

        if (probe is not null)
        {
            probePath = folder.File("probe.safetensors");
            probe.Save(probePath);
        }

        using var context = GateContext.Open(modelPath, probePath, mcPath, Settings);
        return EvalModeGate.Run(context);
    }

    /// <summary>Every verdict on one line each, for assertion messages.</summary>
    public static string Describe(GateReport report) =>
        string.Join("\n", report.Results.Select(r => $"  {r.Name}: {r.Status} — {r.Message}"));
}
