using System.Net;
using System.Text;

namespace HelpDesk.Core.Tickets;

/// <summary>A message body kept twice: as plain text, and as HTML that is safe to render.</summary>
public sealed record MessageBody(string Text, string Html)
{
    /// <summary>Typed text: every character shows as typed, line breaks are kept, nothing is interpreted.</summary>
    public static MessageBody FromPlainText(string text)
    {
        var normalised = text.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        var html = new StringBuilder();
        foreach (var paragraph in normalised.Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            html.Append("<p>")
                .Append(WebUtility.HtmlEncode(paragraph.Trim('\n')).Replace("\n", "<br>", StringComparison.Ordinal))
                .Append("</p>");
        }

        return new MessageBody(normalised, html.ToString());
    }

    /// <summary>HTML from elsewhere (mail, an integration), already through <see cref="SafeHtml"/>.</summary>
    public static MessageBody FromHtml(SanitizedHtml html, string text)
    {
        ArgumentNullException.ThrowIfNull(html);
        return new(text.Trim(), html.Value);
    }
}
