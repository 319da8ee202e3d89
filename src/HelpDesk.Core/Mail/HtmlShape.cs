namespace HelpDesk.Core.Mail;

/// <summary>
/// The shape of HTML as a browser's parser would roughly build it, found in one pass without building anything: the
/// deepest nesting, the number of elements, and the most attributes on one element. It errs towards deeper: an end
/// tag closes only an element of its name, and only elements whose end tag is optional close their open sibling.
/// Measuring stops as soon as a limit is passed, so its cost is bounded by the limits as well as the length.
/// </summary>
internal readonly record struct HtmlShape(int Depth, int Elements, int Attributes)
{
    private static readonly HashSet<string> VoidElements = new(StringComparer.Ordinal)
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
        "basefont", "bgsound", "frame", "keygen",
    };

    // Their content is text to the parser, up to their own end tag.
    private static readonly HashSet<string> RawTextElements = new(StringComparer.Ordinal)
    {
        "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "plaintext",
    };

    // An open one of these is closed by the next of its family: <p><p>, <li><li>, <td><td>, <tr><tr>.
    private static readonly Dictionary<string, string> Families = new(StringComparer.Ordinal)
    {
        ["p"] = "p", ["li"] = "li", ["dt"] = "dd", ["dd"] = "dd", ["td"] = "td", ["th"] = "td", ["tr"] = "tr",
        ["option"] = "option", ["optgroup"] = "optgroup", ["thead"] = "tbody", ["tbody"] = "tbody", ["tfoot"] = "tbody",
        ["rb"] = "rb", ["rt"] = "rb", ["rp"] = "rb", ["colgroup"] = "colgroup", ["caption"] = "caption",
    };

    public static HtmlShape Measure(string html, MailHtmlLimits limits)
    {
        var open = new List<string>();
        var depth = 0;
        var elements = 0;
        var attributes = 0;
        var i = 0;
        while (i < html.Length && (i = html.IndexOf('<', i)) >= 0 && ++i < html.Length)
        {
            if (html[i] == '!')
            {
                var comment = string.CompareOrdinal(html, i, "!--", 0, 3) == 0;
                var end = comment ? html.IndexOf("-->", i + 3, StringComparison.Ordinal) : html.IndexOf('>', i);
                i = end < 0 ? html.Length : end + (comment ? 3 : 1);
                continue;
            }

            var closing = html[i] == '/';
            var nameStart = closing ? i + 1 : i;
            if (nameStart >= html.Length || !char.IsAsciiLetter(html[nameStart]))
            {
                continue;
            }

            var nameEnd = nameStart;
            while (nameEnd < html.Length && !EndsName(html[nameEnd]))
            {
                nameEnd++;
            }

            var name = html[nameStart..nameEnd].ToLowerInvariant();
            (i, var count) = SkipAttributes(html, nameEnd);
            attributes = Math.Max(attributes, count);
            if (attributes > limits.MaxAttributes)
            {
                break;
            }

            if (closing)
            {
                var at = open.LastIndexOf(name);
                if (at >= 0)
                {
                    open.RemoveRange(at, open.Count - at);
                }

                continue;
            }

            if (++elements > limits.MaxElements)
            {
                break;
            }

            if (RawTextElements.Contains(name))
            {
                var end = html.IndexOf("</" + name, i, StringComparison.OrdinalIgnoreCase);
                i = end < 0 ? html.Length : end;
                continue;
            }

            if (VoidElements.Contains(name))
            {
                continue;
            }

            if (Families.TryGetValue(name, out var family) && open.Count > 0 && Families.TryGetValue(open[^1], out var openFamily) && openFamily == family)
            {
                open.RemoveAt(open.Count - 1);
            }

            open.Add(name);
            depth = Math.Max(depth, open.Count);
            if (depth > limits.MaxDepth)
            {
                break;
            }
        }

        return new HtmlShape(depth, elements, attributes);
    }

    private static bool EndsName(char c) => char.IsWhiteSpace(c) || c is '>' or '/';

    /// <summary>From the end of a tag's name to just after its '>': where that is, and how many attributes it has.</summary>
    private static (int End, int Count) SkipAttributes(string html, int i)
    {
        var count = 0;
        while (i < html.Length)
        {
            var c = html[i];
            if (c == '>')
            {
                return (i + 1, count);
            }

            if (char.IsWhiteSpace(c) || c == '/')
            {
                i++;
                continue;
            }

            count++;
            i++;
            while (i < html.Length && !char.IsWhiteSpace(html[i]) && html[i] is not ('>' or '/' or '='))
            {
                i++;
            }

            while (i < html.Length && char.IsWhiteSpace(html[i]))
            {
                i++;
            }

            if (i >= html.Length || html[i] != '=')
            {
                continue;
            }

            i++;
            while (i < html.Length && char.IsWhiteSpace(html[i]))
            {
                i++;
            }

            if (i < html.Length && html[i] is '"' or '\'')
            {
                var close = html.IndexOf(html[i], i + 1);
                i = close < 0 ? html.Length : close + 1;
                continue;
            }

            while (i < html.Length && !char.IsWhiteSpace(html[i]) && html[i] != '>')
            {
                i++;
            }
        }

        return (i, count);
    }
}
