using System.Text;

namespace Harness.Core.Runs;

/// <summary>Writes every line to two writers: the console and the run's log file.</summary>
public sealed class TeeWriter : TextWriter
{
    private readonly TextWriter _first;
    private readonly TextWriter _second;

    public TeeWriter(TextWriter first, TextWriter second)
    {
        _first = first;
        _second = second;
    }

    public override Encoding Encoding => _first.Encoding;

    public override void Write(char value)
    {
        _first.Write(value);
        _second.Write(value);
    }

    public override void Write(string? value)
    {
        _first.Write(value);
        _second.Write(value);
    }

    public override void WriteLine(string? value)
    {
        _first.WriteLine(value);
        _second.WriteLine(value);
        _second.Flush();
    }

    public override void Flush()
    {
        _first.Flush();
        _second.Flush();
    }
}
