using System.Globalization;
using System.Text;

namespace HelpDesk.Core.Tickets;

/// <summary>
/// The words of a text search as the full-text index holds them: runs of letters and digits, lower case, each matched
/// as the start of a word, all of them required. Punctuation separates words, as the index's tokenizer does, so
/// "disk-full" finds "disk full". A ticket number is not a search for words (see <see cref="TicketNumber"/>).
/// </summary>
public static class SearchWords
{
    /// <summary>More words narrow a search little and cost a lookup each.</summary>
    public const int MaxWords = 8;

    public const int MaxWordLength = 64;

    public static IReadOnlyList<string> Of(string? text)
    {
        var words = new List<string>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return words;
        }

        var word = new StringBuilder();
        foreach (var rune in (text + " ").EnumerateRunes())
        {
            if (Rune.IsLetterOrDigit(rune))
            {
                word.Append(rune.ToString());
                continue;
            }

            if (word.Length > 0)
            {
                var found = word.ToString().ToLower(CultureInfo.InvariantCulture);
                word.Clear();
                found = found.Length > MaxWordLength ? found[..MaxWordLength] : found;
                if (!words.Contains(found, StringComparer.Ordinal))
                {
                    words.Add(found);
                }
            }

            if (words.Count == MaxWords)
            {
                break;
            }
        }

        return words;
    }
}
