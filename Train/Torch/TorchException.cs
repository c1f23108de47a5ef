namespace Harness.Train.Torch;

/// <summary>
/// A failure inside libtorch (a shape mismatch, a bad argument, an unavailable device) or while loading it.
/// The message is libtorch's own, without its C++ backtrace. The process goes on.
/// </summary>
public sealed class TorchException : Exception
{
    public TorchException(string message) : base(message)
    {
    }
}
