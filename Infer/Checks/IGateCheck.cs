namespace Harness.Infer.Checks;

/// <summary>One check of the eval-mode gate.</summary>
public interface IGateCheck
{
    /// <summary>Short stable name used in reports ("determinism", "batch-independence", …).</summary>
    string Name { get; }

    CheckResult Run(GateContext context);
}
