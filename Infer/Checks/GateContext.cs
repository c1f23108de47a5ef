using Harness.Core;
using Harness.Export.Onnx;
using Harness.Export.Onnx.Proto;
using Harness.Export.Probe;
using Harness.Infer.Ort;

namespace Harness.Infer.Checks;

/// <summary>
/// Everything the gate's checks look at: the deployment model (graph + ORT session), the optional probe, the
/// optional MC-dropout model, and the inputs (the probe's, or synthesized from the declared shapes).
/// </summary>
public sealed class GateContext : IDisposable
{
    private GateContext(string modelPath, ModelProto graph, ModelRunner model, CheckInputs inputs, ModelProbe? probe,
        string? mcPath, ModelProto? mcGraph, ModelRunner? mc, OrtSessionSettings settings)
    {
        Settings = settings;
        ModelPath = modelPath;
        Graph = graph;
        Model = model;
        Inputs = inputs;
        Probe = probe;
        McPath = mcPath;
        McGraph = mcGraph;
        Mc = mc;
    }

    public string ModelPath { get; }

    public ModelProto Graph { get; }

    public ModelRunner Model { get; }

    public CheckInputs Inputs { get; }

    public ModelProbe? Probe { get; }

    public string? McPath { get; }

    public ModelProto? McGraph { get; }

    public ModelRunner? Mc { get; }

    /// <summary>The session settings the models were opened with (for sessions a check derives from a graph).</summary>
    public OrtSessionSettings Settings { get; }

    /// <summary>
    /// Opens the files. Unusable input — a missing file, a file that is not ONNX, a model ORT refuses, no float
    /// input, a probe that does not fit — is a <see cref="UsageException"/> saying which.
    /// </summary>
    public static GateContext Open(string modelPath, string? probePath, string? mcPath, OrtSessionSettings settings)
    {
        var graph = ReadGraph(modelPath);
        var model = new ModelRunner(OpenSession(modelPath, settings));
        ModelProbe? probe = null;
        CheckInputs inputs;
        if (probePath is not null)
        {
            probe = ModelProbe.Load(probePath);
            var session = model.Session;
            if (session.Inputs.Count != 1)
            {
                throw new UsageException($"{probePath}: probes describe single-input models; {modelPath} has {session.Inputs.Count} inputs.");
            }

            var declared = session.Inputs[0].Shape.Skip(1).ToArray();
            var given = probe.InputShape[1..];
            if (declared.Length != given.Length || declared.Zip(given).Any(p => p.First >= 0 && p.First != p.Second))
            {
                throw new UsageException(
                    $"{probePath}: probe samples are [{string.Join(", ", given)}] but {modelPath} takes " +
                    $"[{string.Join(", ", declared)}] per sample.");
            }

            inputs = CheckInputs.FromProbe(probe, probePath);
        }
        else
        {
            inputs = CheckInputs.Synthesize(model.Session.Inputs);
        }

        ModelProto? mcGraph = null;
        ModelRunner? mc = null;
        if (mcPath is not null)
        {
            mcGraph = ReadGraph(mcPath);
            mc = new ModelRunner(OpenSession(mcPath, settings));
        }

        return new GateContext(modelPath, graph, model, inputs, probe, mcPath, mcGraph, mc, settings);
    }

    public void Dispose()
    {
        Model.Dispose();
        Model.Session.Dispose();
        Mc?.Dispose();
        Mc?.Session.Dispose();
    }

    private static ModelProto ReadGraph(string path)
    {
        try
        {
            return OnnxModelReader.Read(path);
        }
        catch (FileNotFoundException)
        {
            throw new UsageException($"Model not found: {path}");
        }
        catch (OnnxFormatException e)
        {
            throw new UsageException($"{path} is not an ONNX model: {e.Message}");
        }
    }

    private static OrtSession OpenSession(string path, OrtSessionSettings settings)
    {
        try
        {
            return OrtSession.Open(path, settings);
        }
        catch (OrtException e)
        {
            throw new UsageException($"ONNX Runtime cannot load {path}: {e.Message}");
        }
    }
}
