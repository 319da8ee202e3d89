using System.Text;
using MimeKit.Text;

namespace HelpDesk.Mail.Inbound;

/// <summary>
/// The words of an HTML body as plain text, for mail that has no text part: block elements become line breaks, list
/// items get a bullet, and what is not shown (head, style, script) is left out. Entities are decoded by the tokenizer.
/// </summary>
internal static class HtmlText
{
    private static readonly HashSet<HtmlTagId> HiddenTags = [HtmlTagId.Head, HtmlTagId.Style, HtmlTagId.Script, HtmlTagId.Title];

    private static readonly HashSet<HtmlTagId> BlockTags =
    [
        HtmlTagId.P, HtmlTagId.Div, HtmlTagId.Table, HtmlTagId.TR, HtmlTagId.UL, HtmlTagId.OL, HtmlTagId.BlockQuote,
        HtmlTagId.H1, HtmlTagId.H2, HtmlTagId.H3, HtmlTagId.H4, HtmlTagId.H5, HtmlTagId.H6, HtmlTagId.Pre, HtmlTagId.HR,
        HtmlTagId.Address, HtmlTagId.Center, HtmlTagId.DL, HtmlTagId.DT, HtmlTagId.DD, HtmlTagId.Body,
    ];

    /// <summary>HTML read for text; past it the words are left to the original mail, so a huge body costs no more.</summary>
    public const int MaxHtmlChars = 1_000_000;

    public const string RestInOriginal = "[The rest of this message is in the original mail.]";

    public static string Convert(string html)
    {
        var text = new StringBuilder();
        var hidden = 0;
        var pre = 0;
        var cut = html.Length > MaxHtmlChars;
        using var reader = new StringReader(cut ? html[..MaxHtmlChars] : html);
        var tokenizer = new HtmlTokenizer(reader) { DecodeCharacterReferences = true };
        while (tokenizer.ReadNextToken(out var token))
        {
            switch (token)
            {
                case HtmlTagToken tag when HiddenTags.Contains(tag.Id):
                    if (!tag.IsEmptyElement)
                    {
                        hidden = Math.Max(0, hidden + (tag.IsEndTag ? -1 : 1));
                    }

                    break;
                case HtmlTagToken tag when tag.Id == HtmlTagId.Br:
                    text.Append('\n');
                    break;
                case HtmlTagToken tag when tag.Id == HtmlTagId.LI && !tag.IsEndTag:
                    LineBreak(text);
                    text.Append("• ");
                    break;
                case HtmlTagToken tag when tag.Id is HtmlTagId.TD or HtmlTagId.TH && !tag.IsEndTag:
                    if (text.Length > 0 && text[^1] is not '\n')
                    {
                        text.Append('\t');
                    }

                    break;
                case HtmlTagToken tag when BlockTags.Contains(tag.Id) || tag.Id == HtmlTagId.LI:
                    if (tag.Id == HtmlTagId.Pre)
                    {
                        pre = Math.Max(0, pre + (tag.IsEndTag ? -1 : 1));
                    }

                    LineBreak(text);
                    break;
                case HtmlDataToken data when hidden == 0:
                    AppendData(text, data.Data, pre > 0);
                    break;
            }
        }

        var words = string.Join('\n', text.ToString().Split('\n').Select(line => line.TrimEnd())).Trim();
        return cut ? $"{words}\n\n{RestInOriginal}" : words;
    }

    private static void LineBreak(StringBuilder text)
    {
        if (text.Length > 0 && text[^1] != '\n')
        {
            text.Append('\n');
        }
    }

    private static void AppendData(StringBuilder text, string data, bool preformatted)
    {
        if (preformatted)
        {
            text.Append(data);
            return;
        }

        foreach (var c in data)
        {
            if (char.IsWhiteSpace(c) && c != '\u00a0')
            {
                if (text.Length > 0 && text[^1] is not (' ' or '\n' or '\t'))
                {
                    text.Append(' ');
                }
            }
            else
            {
                text.Append(c == '\u00a0' ? ' ' : c);
            }
        }
    }
}
