using System.Globalization;
using System.Text;

namespace Harness.Pipeline.Report.Charts;

/// <summary>Text escaping and coordinate formatting shared by the SVG charts and the HTML page.</summary>
public static class Svg
{
    /// <summary>
    /// Escapes text for element content and for attribute values in double or single quotes: &amp; &lt; &gt; " '.
    /// Control characters other than tab, newline and carriage return (invalid in XML 1.0) become U+FFFD.
    /// </summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var sb = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\'': sb.Append("&#39;"); break;
                case '\t' or '\n' or '\r': sb.Append(c); break;
                case < ' ': sb.Append('\uFFFD'); break;
                default: sb.Append(c); break;
            }
        }

        return sb.ToString();
    }

    /// <summary>A coordinate: invariant culture, at most two decimals (1/100 of a user unit is below a pixel).</summary>
    public static string N(double value) =>
        double.IsFinite(value) ? Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture) : "0";

    /// <summary>An approximate text width in user units for a label of <paramref name="fontSize"/> (legend layout).</summary>
    public static double TextWidth(string text, double fontSize) => text.Length * fontSize * 0.56;
}
