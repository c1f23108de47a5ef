namespace Harness.Infer.Uncertainty;

/// <summary>How <see cref="McPassRunner"/> runs T stochastic passes.</summary>
public enum McExecutionMode
{
    /// <summary>
    /// The batch is tiled T times along the batch dimension and run in one ORT call (split into chunks of at most
    /// MaxRowsPerCall rows): each copy of a sample is its own row, so it gets its own dropout masks.
    /// </summary>
    Tiled,

    /// <summary>T separate ORT calls over the same batch (the naive way; for comparison).</summary>
    Loop,
}
