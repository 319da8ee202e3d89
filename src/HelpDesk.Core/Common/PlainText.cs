using System.Buffers;
using System.Text;

namespace HelpDesk.Core.Common;

/// <summary>
/// A one-line text people will read — a ticket's subject, a person's or an organisation's name — cleaned of characters
/// that only deceive: NUL and the other control characters, and the bidirectional embeddings, overrides and isolates
/// (U+202A–U+202E, U+2066–U+2069) that make "gpj.exe" display as "exe.jpg". Line breaks and tabs become spaces;
/// the result is trimmed. Every path that stores such a text (portal, desk, API, mail) passes it through here.
/// </summary>
public static class PlainText
{
    private static readonly SearchValues<char> Deceptive = SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Select(i => (char)i), '\u007F', .. Enumerable.Range(0x80, 0x20).Select(i => (char)i),
         '\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069']);

    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        if (!text.AsSpan().ContainsAny(Deceptive))
        {
            return text.Trim();
        }

        var clean = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '\t' or '\n' or '\r')
            {
                clean.Append(' ');
            }
            else if (!Deceptive.Contains(c))
            {
                clean.Append(c);
            }
        }

        return clean.ToString().Trim();
    }
}
