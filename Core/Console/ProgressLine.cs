using System.Diagnostics;

namespace Harness.Core.Console;

/// <summary>
/// Progress of long work: a live, rewritten line on a terminal; plain lines every 10% when output is redirected
/// (CI logs stay readable). Written to standard error so standard output carries only results.
/// </summary>
public sealed class ProgressLine
{
    private readonly string _label;
    private readonly bool _live = !System.Console.IsErrorRedirected;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _lastDraw = -1;
    private int _lastDecile = -1;

    public ProgressLine(string label) => _label = label;

    /// <summary>Reports <paramref name="done"/> of <paramref name="total"/> with a free-form status.</summary>
    public void Report(int done, int total, string status)
    {
        var decile = total == 0 ? 10 : done * 10 / total;
        if (_live)
        {
            var now = _clock.ElapsedMilliseconds;
            if (done < total && now - _lastDraw < 100)
            {
                return;
            }

            _lastDraw = now;
            const int width = 24;
            var filled = total == 0 ? width : done * width / total;
            System.Console.Error.Write($"\r{_label} [{new string('#', filled)}{new string('.', width - filled)}] {done}/{total} {status}   ");
            if (done == total)
            {
                System.Console.Error.WriteLine();
            }
        }
        else if (decile != _lastDecile)
        {
            _lastDecile = decile;
            System.Console.Error.WriteLine($"{_label} {decile * 10,3}% ({done}/{total}) {status}");
        }
    }
}
