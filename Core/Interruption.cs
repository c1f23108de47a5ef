namespace Harness.Core;

/// <summary>
/// Turns Ctrl-C (SIGINT) and SIGTERM into a cancellation the long-running stages observe between steps, so they
/// stop cleanly and keep what they saved; a second Ctrl-C ends the process at once.
/// </summary>
public sealed class Interruption : IDisposable
{
    /// <summary>Exit code of a stage stopped by the user (128 + SIGINT, the shell convention).</summary>
    public const int ExitCode = 130;

    private readonly CancellationTokenSource _source = new();
    private readonly System.Runtime.InteropServices.PosixSignalRegistration _sigterm;

    public Interruption()
    {
        System.Console.CancelKeyPress += OnCancel;
        _sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(
            System.Runtime.InteropServices.PosixSignal.SIGTERM, context =>
            {
                context.Cancel = true;
                _source.Cancel();
            });
    }

    public CancellationToken Token => _source.Token;

    public void Dispose()
    {
        System.Console.CancelKeyPress -= OnCancel;
        _sigterm.Dispose();
        _source.Dispose();
    }

    private void OnCancel(object? sender, ConsoleCancelEventArgs e)
    {
        if (_source.IsCancellationRequested)
        {
            return; // second Ctrl-C: let the runtime end the process
        }

        e.Cancel = true;
        _source.Cancel();
        System.Console.Error.WriteLine("\ninterrupt: finishing the current step; rerun the same command to resume");
    }
}
