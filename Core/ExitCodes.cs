namespace Harness.Core;

/// <summary>The process exit codes every stage uses (see README).</summary>
public static class ExitCodes
{
    /// <summary>Success; every check passed.</summary>
    public const int Success = 0;

    /// <summary>A check or a regression gate failed.</summary>
    public const int CheckFailed = 1;

    /// <summary>Unusable input or usage: missing file, bad configuration, not an ONNX model.</summary>
    public const int UsageError = 2;
}
