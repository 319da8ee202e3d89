using System.Net;
using System.Text.RegularExpressions;

namespace HelpDesk.Web.Tests.Economics;

/// <summary>Reads the dashboard's tables the way a person scans them: a row by its key, its cells' text and its links.</summary>
public static partial class DashboardHtml
{
    /// <summary>The keys of a table's rows, in order.</summary>
    public static IReadOnlyList<string> Keys(string html, string table) =>
        [.. RowPattern().Matches(Table(html, table)).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value))];

    /// <summary>The text of each cell of the row with <paramref name="key"/>.</summary>
    public static IReadOnlyList<string> Cells(string html, string table, string key) =>
        [.. CellPattern().Matches(Row(html, table, key)).Select(m => Text(m.Groups[1].Value))];

    /// <summary>The first link in the row with <paramref name="key"/>, or the one whose text is <paramref name="text"/>.</summary>
    public static string Link(string html, string table, string key, string? text = null)
    {
        var links = LinkPattern().Matches(Row(html, table, key));
        var link = links.FirstOrDefault(m => text is null || Text(m.Groups[2].Value) == text)
            ?? throw new InvalidOperationException($"The row {key} of {table} has no link{(text is null ? "" : $" '{text}'")}.");
        return WebUtility.HtmlDecode(link.Groups[1].Value);
    }

    public static string Table(string html, string table)
    {
        var start = html.IndexOf($"data-table=\"{table}\"", StringComparison.Ordinal);
        if (start < 0)
        {
            throw new InvalidOperationException($"The page has no table {table}.");
        }

        var end = html.IndexOf("</table>", start, StringComparison.Ordinal);
        return html[start..end];
    }

    public static string Row(string html, string table, string key)
    {
        var part = Table(html, table);
        var start = part.IndexOf($"<tr data-key=\"{WebUtility.HtmlEncode(key)}\"", StringComparison.Ordinal);
        if (start < 0)
        {
            throw new InvalidOperationException($"The table {table} has no row {key}; it has {string.Join(", ", Keys(html, table))}.");
        }

        return part[start..part.IndexOf("</tr>", start, StringComparison.Ordinal)];
    }

    public static string Text(string fragment) => WebUtility.HtmlDecode(Regex.Replace(TagPattern().Replace(fragment, " "), @"\s+", " ").Trim());

    [GeneratedRegex("<tr data-key=\"([^\"]*)\"")]
    private static partial Regex RowPattern();

    [GeneratedRegex("<td[^>]*>(.*?)</td>", RegexOptions.Singleline)]
    private static partial Regex CellPattern();

    [GeneratedRegex("<a href=\"([^\"]*)\"[^>]*>(.*?)</a>", RegexOptions.Singleline)]
    private static partial Regex LinkPattern();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex TagPattern();
}
