namespace Harness.Core;

/// <summary>
/// Unusable input or usage (a missing file, a bad configuration value, a file that is not what it claims).
/// Stages turn it into exit code <see cref="ExitCodes.UsageError"/> with its message.
/// </summary>
public sealed class UsageException : Exception
{
    public UsageException(string message) : base(message)
    {
    }

    public UsageException(string message, Exception inner) : base(message, inner)
    {
    }
}
