namespace Harness.Pipeline.Report.Sections;

/// <summary>How much of a section's input was there.</summary>
public enum SectionStatus
{
    /// <summary>Everything the section shows was found.</summary>
    Complete,

    /// <summary>Some inputs were found, some were missing or partly unreadable.</summary>
    Partial,

    /// <summary>No input: the section says what is missing and which stage writes it.</summary>
    Missing,

    /// <summary>An input exists but could not be read.</summary>
    Error,
}

/// <summary>A section's HTML body and status (the page adds the heading and the table of contents).</summary>
public sealed record SectionOutput(string Html, SectionStatus Status);

/// <summary>One section of the report page, rendered from files of the run folder (or the benchmark folder).</summary>
public interface IReportSection
{
    /// <summary>The anchor id of the section.</summary>
    string Id { get; }

    string Title { get; }

    SectionOutput Render(ReportContext context);
}
