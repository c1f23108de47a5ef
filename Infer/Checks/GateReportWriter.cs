using System.Text.Json;
using System.Text.Json.Serialization;
using System.Xml.Linq;
using Spectre.Console;

namespace Harness.Infer.Checks;

/// <summary>The gate's report as a terminal table, JSON and JUnit XML (for CI systems that show test results).</summary>
public static class GateReportWriter
{
    /// <summary>Line width of the table in a redirected log (a CI log has no terminal to ask; 80 wraps the evidence).</summary>
    public const int RedirectedWidth = 160;

    /// <summary>
    /// The console the table goes to: colours and ANSI escape codes only on a terminal; plain text, at
    /// <see cref="RedirectedWidth"/> columns, when the output is redirected to a file or a CI log.
    /// </summary>
    public static IAnsiConsole CreateConsole(TextWriter output, bool redirected)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = redirected ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = redirected ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Interactive = redirected ? InteractionSupport.No : InteractionSupport.Detect,
            Out = new AnsiConsoleOutput(output),
        });
        if (redirected)
        {
            console.Profile.Width = RedirectedWidth;
        }

        return console;
    }

    public static void WriteTable(GateReport report, IAnsiConsole console)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("check").AddColumn("result").AddColumn(new TableColumn("evidence"));
        foreach (var r in report.Results)
        {
            var status = r.Status switch
            {
                CheckStatus.Pass => "[green]pass[/]",
                CheckStatus.Fail => "[red bold]FAIL[/]",
                _ => "[grey]skip[/]",
            };
            table.AddRow(new Markup(Markup.Escape(r.Name)), new Markup(status), new Text(r.Message));
        }

        console.MarkupLine($"[bold]eval-mode gate[/] {Markup.Escape(report.Model)}" +
                           (report.McModel is null ? "" : $" (MC: {Markup.Escape(report.McModel)})"));
        console.MarkupLine($"inputs: {Markup.Escape(report.Inputs)}");
        console.Write(table);
        console.MarkupLine(report.Passed
            ? $"[green]PASS[/]: {report.Count(CheckStatus.Pass)} passed, {report.Count(CheckStatus.Skip)} skipped"
            : $"[red bold]FAIL[/]: {report.Count(CheckStatus.Fail)} failed ({string.Join(", ", report.Results.Where(r => r.Status == CheckStatus.Fail).Select(r => r.Name))})");
    }

    /// <summary>
    /// The report as JSON. Evidence can hold ∞ (NaN outputs count as infinitely far) and NaN: they are written as the
    /// strings "Infinity" / "NaN" rather than making the report unwritable.
    /// </summary>
    public static string ToJson(GateReport report) => JsonSerializer.Serialize(new
    {
        model = report.Model,
        mc_model = report.McModel,
        inputs = report.Inputs,
        passed = report.Passed,
        checks = report.Results.Select(r => new
        {
            name = r.Name, status = r.Status.ToString().ToLowerInvariant(), message = r.Message, evidence = r.Evidence,
        }),
    }, new JsonSerializerOptions { WriteIndented = true, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals });

    public static string ToJUnit(GateReport report)
    {
        var suite = new XElement("testsuite",
            new XAttribute("name", "eval-mode-gate"),
            new XAttribute("tests", report.Results.Count),
            new XAttribute("failures", report.Count(CheckStatus.Fail)),
            new XAttribute("skipped", report.Count(CheckStatus.Skip)),
            new XAttribute("errors", 0),
            report.Results.Select(r => new XElement("testcase",
                new XAttribute("classname", Path.GetFileName(report.Model)),
                new XAttribute("name", r.Name),
                r.Status switch
                {
                    CheckStatus.Fail => new XElement("failure", new XAttribute("message", r.Message), r.Message),
                    CheckStatus.Skip => new XElement("skipped", new XAttribute("message", r.Message)),
                    _ => new XElement("system-out", r.Message),
                })));
        return new XDocument(new XDeclaration("1.0", "utf-8", null), new XElement("testsuites", suite)).ToString();
    }
}
