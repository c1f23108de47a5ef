namespace Harness.Infer.Ort;

/// <summary>ORT's graph optimization levels (GraphOptimizationLevel).</summary>
public enum OrtGraphOptimization
{
    /// <summary>No graph optimization.</summary>
    Disable = 0,

    /// <summary>Basic optimizations: constant folding, redundant node elimination (e.g. Dropout), semantics-preserving fusions.</summary>
    Basic = 1,

    /// <summary>Basic plus extended fusions.</summary>
    Extended = 2,

    /// <summary>Every optimization, layout ones included (ORT's default).</summary>
    All = 99,
}

/// <summary>ORT's execution modes (ExecutionMode).</summary>
public enum OrtExecutionMode
{
    /// <summary>Run nodes one after another (ORT's default).</summary>
    Sequential = 0,

    /// <summary>Run independent branches in parallel on the inter-op pool.</summary>
    Parallel = 1,
}
