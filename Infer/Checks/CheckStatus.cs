namespace Harness.Infer.Checks;

/// <summary>The verdict of one check.</summary>
public enum CheckStatus
{
    Pass,
    Fail,
    Skip,
}
