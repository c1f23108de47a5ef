namespace Harness.Export.Exporting;

/// <summary>
/// The exported files were written but do not behave: the deployment graph differs from the trainer beyond the
/// tolerance, or the MC graph does not sample. The export stage turns it into exit code 1 (a failed check).
/// </summary>
public sealed class ExportVerificationException : Exception
{
    public ExportVerificationException(string message) : base(message)
    {
    }

    public ExportVerificationException(string message, Exception inner) : base(message, inner)
    {
    }
}
