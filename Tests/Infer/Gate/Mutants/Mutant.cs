using Harness.Export.Onnx.Proto;

namespace Harness.Tests.Infer.Gate.Mutants;

/// <summary>Which graph of a good model a mutant breaks.</summary>
internal enum MutantTarget
{
    /// <summary>The deployment graph (model.onnx).</summary>
    Deployment,

    /// <summary>The MC-dropout graph (model.mc.onnx).</summary>
    Mc,
}

/// <summary>
/// A check that must reject a mutant: its name, the evidence entry whose value the message must show, and a fragment
/// the message must contain.
/// </summary>
internal sealed record Killer(string Check, string EvidenceKey, string? Fragment = null);

/// <summary>
/// A broken variant of a good model: what is broken (<see cref="Target"/>, <see cref="Apply"/> on a copy), the checks
/// that must reject it and, where the point is that one check is blind to it, the checks that must still pass.
/// </summary>
internal sealed record Mutant(
    string Name,
    string Description,
    MutantTarget Target,
    Func<ModelProto, ModelProto> Apply,
    IReadOnlyList<Killer> Killers,
    IReadOnlyList<string>? Blind = null,
    bool NeedsProbe = false)
{
    public override string ToString() => Name;
}
