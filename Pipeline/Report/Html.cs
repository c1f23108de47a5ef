using System.Globalization;
using System.Text;
using Harness.Pipeline.Report.Charts;

namespace Harness.Pipeline.Report;

/// <summary>HTML fragments and number formats shared by the report's sections (invariant culture throughout).</summary>
public static class Html
{
    public static string E(string? text) => Svg.Escape(text);

    /// <summary>The notice a section shows when its input file is absent, naming the file and the stage that writes it.</summary>
    public static string Missing(string what, string path, string producer) =>
        $"<div class=\"notice missing\" role=\"note\"><strong>Missing input:</strong> {E(what)} — no <code>{E(path)}</code>. " +
        $"It is written by <code>{E(producer)}</code>.</div>";

    /// <summary>The notice a section shows when an input exists but cannot be read.</summary>
    public static string Unreadable(string path, string reason) =>
        $"<div class=\"notice error\" role=\"alert\"><strong>Unreadable input:</strong> <code>{E(path)}</code>: {E(reason)}</div>";

    public static string Note(string html) => $"<p class=\"note\">{html}</p>";

    /// <summary>A figure wrapping an SVG chart with a caption.</summary>
    public static string Figure(string svg, string? caption = null) =>
        $"<figure class=\"chart-box\">{svg}{(caption is null ? "" : $"<figcaption>{caption}</figcaption>")}</figure>";

    /// <summary>A table; columns listed in <paramref name="numeric"/> are right-aligned with tabular figures.</summary>
    public static string Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rowsHtml, ISet<int>? numeric = null,
        string? caption = null, string? cssClass = null)
    {
        var sb = new StringBuilder($"<div class=\"table-wrap\"><table{(cssClass is null ? "" : $" class=\"{E(cssClass)}\"")}>");
        if (caption is not null)
        {
            sb.Append($"<caption>{caption}</caption>");
        }

        sb.Append("<thead><tr>");
        for (var i = 0; i < headers.Count; i++)
        {
            sb.Append($"<th scope=\"col\"{(numeric?.Contains(i) == true ? " class=\"num\"" : "")}>{headers[i]}</th>");
        }

        sb.Append("</tr></thead><tbody>");
        foreach (var row in rowsHtml)
        {
            sb.Append("<tr>");
            for (var i = 0; i < row.Count; i++)
            {
                sb.Append(numeric?.Contains(i) == true ? "<td class=\"num\">" : "<td>").Append(row[i]).Append("</td>");
            }

            sb.Append("</tr>");
        }

        return sb.Append("</tbody></table></div>").ToString();
    }

    /// <summary>Key figures as a row of cards: (label, value, optional hint).</summary>
    public static string Cards(IEnumerable<(string Label, string Value, string? Hint)> cards)
    {
        var sb = new StringBuilder("<div class=\"cards\">");
        foreach (var (label, value, hint) in cards)
        {
            sb.Append($"<div class=\"card\"><div class=\"card-label\">{E(label)}</div><div class=\"card-value\">{E(value)}</div>")
                .Append(hint is null ? "" : $"<div class=\"card-hint\">{E(hint)}</div>").Append("</div>");
        }

        return sb.Append("</div>").ToString();
    }

    public static string Pill(string text, string kind) => $"<span class=\"pill {E(kind)}\">{E(text)}</span>";

    public static string Pct(double? value, int decimals = 2) =>
        value is { } v && double.IsFinite(v) ? (v * 100).ToString("F" + decimals, CultureInfo.InvariantCulture) + "%" : Dash(value);

    public static string Fixed(double? value, int decimals = 4) =>
        value is { } v && double.IsFinite(v) ? v.ToString("F" + decimals, CultureInfo.InvariantCulture) : Dash(value);

    public static string Sig(double? value, int digits = 4) =>
        value is { } v && double.IsFinite(v) ? v.ToString("G" + digits, CultureInfo.InvariantCulture) : Dash(value);

    public static string Int(double? value) =>
        value is { } v && double.IsFinite(v) ? v.ToString("N0", CultureInfo.InvariantCulture) : Dash(value);

    /// <summary>A duration in seconds as "8.3 s", "4 min 12 s" or "1 h 05 min".</summary>
    public static string Seconds(double? value)
    {
        if (value is not { } s || !double.IsFinite(s))
        {
            return Dash(value);
        }

        return s switch
        {
            < 60 => s.ToString("0.0", CultureInfo.InvariantCulture) + " s",
            < 3600 => $"{(int)(s / 60)} min {(int)(s % 60):00} s",
            _ => $"{(int)(s / 3600)} h {(int)(s % 3600 / 60):00} min",
        };
    }

    /// <summary>A time given in nanoseconds in the unit that fits it (ns, µs, ms, s).</summary>
    public static string Duration(double? ns)
    {
        if (ns is not { } v || !double.IsFinite(v))
        {
            return Dash(ns);
        }

        var (unit, scale) = TimeUnit(v);
        return (v / scale).ToString(v / scale >= 100 ? "F1" : "F3", CultureInfo.InvariantCulture) + " " + unit;
    }

    /// <summary>The unit (ns, µs, ms, s) and its size in nanoseconds for a typical value of <paramref name="ns"/>.</summary>
    public static (string Unit, double Scale) TimeUnit(double ns) => Math.Abs(ns) switch
    {
        < 1e3 => ("ns", 1),
        < 1e6 => ("µs", 1e3),
        < 1e9 => ("ms", 1e6),
        _ => ("s", 1e9),
    };

    /// <summary>Bytes as "0 B", "1.5 KiB", "3.2 MiB".</summary>
    public static string Bytes(double? value)
    {
        if (value is not { } v || !double.IsFinite(v))
        {
            return Dash(value);
        }

        return Math.Abs(v) switch
        {
            < 1024 => v.ToString("0", CultureInfo.InvariantCulture) + " B",
            < 1024 * 1024 => (v / 1024).ToString("0.0", CultureInfo.InvariantCulture) + " KiB",
            _ => (v / 1024 / 1024).ToString("0.0", CultureInfo.InvariantCulture) + " MiB",
        };
    }

    private static string Dash(double? value) => value is { } v && double.IsNaN(v) ? "NaN" : value is { } inf ? (inf > 0 ? "∞" : "−∞") : "—";
}
