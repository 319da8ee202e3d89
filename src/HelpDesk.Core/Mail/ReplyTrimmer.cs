using System.Text.RegularExpressions;

namespace HelpDesk.Core.Mail;

/// <summary>A reply's text for display, and whether anything was cut from it.</summary>
public sealed record TrimmedReply(string Text, bool Trimmed);

/// <summary>
/// Cuts the quoted history and the signature from a reply, so the ticket shows what the person wrote this time. The
/// full message is kept (the raw mail), so nothing is lost if the cut is wrong. When cutting would leave nothing, the
/// text is kept whole.
/// </summary>
public static partial class ReplyTrimmer
{
    public static TrimmedReply Trim(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        var end = lines.Length;
        for (var i = 0; i < lines.Length; i++)
        {
            if (StartsHistory(lines, i) || StartsSignature(lines[i]))
            {
                end = i;
                break;
            }
        }

        // A block of "> " lines that runs to the end (or to the cut) is the quoted message, whatever introduced it.
        while (end > 0 && (lines[end - 1].StartsWith('>') || string.IsNullOrWhiteSpace(lines[end - 1])))
        {
            end--;
        }

        var kept = string.Join('\n', lines.Take(end)).Trim();
        var whole = string.Join('\n', lines).Trim();
        return kept.Length == 0 || kept.Length == whole.Length ? new TrimmedReply(whole, false) : new TrimmedReply(kept, true);
    }

    private static bool StartsHistory(string[] lines, int i)
    {
        var line = lines[i].Trim();
        if (line.Length == 0)
        {
            return false;
        }

        if (OriginalMessage().IsMatch(line) || line.StartsWith("________________", StringComparison.Ordinal))
        {
            return true;
        }

        // "On Mon, 3 Nov 2026 at 10:02, Ann <ann@example.com> wrote:", which mail clients may wrap over two lines.
        if (Wrote().IsMatch(line) || (i + 1 < lines.Length && Wrote().IsMatch(line + " " + lines[i + 1].Trim()) && OnLine().IsMatch(line)))
        {
            return true;
        }

        // Outlook's header block: "From: …" followed within two lines by "Sent:" or "Date:".
        if (line.StartsWith("From:", StringComparison.OrdinalIgnoreCase) || line.StartsWith("Von:", StringComparison.OrdinalIgnoreCase) || line.StartsWith("De :", StringComparison.OrdinalIgnoreCase))
        {
            for (var j = i + 1; j < Math.Min(lines.Length, i + 3); j++)
            {
                var next = lines[j].TrimStart();
                if (next.StartsWith("Sent:", StringComparison.OrdinalIgnoreCase) || next.StartsWith("Date:", StringComparison.OrdinalIgnoreCase)
                    || next.StartsWith("Gesendet:", StringComparison.OrdinalIgnoreCase) || next.StartsWith("Envoyé :", StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool StartsSignature(string line) =>
        line is "-- " or "--" or "—"
        || SentFrom().IsMatch(line.Trim());

    [GeneratedRegex(@"^-{2,}\s*(Original Message|Ursprüngliche Nachricht|Message d'origine|Mensaje original|Messaggio originale|Forwarded message)\s*-{2,}", RegexOptions.IgnoreCase)]
    private static partial Regex OriginalMessage();

    [GeneratedRegex(@"^(On|Le|Am|El|Il|Op)\s.{4,200}(wrote|a écrit|schrieb|escribió|ha scritto|schreef)(\s.{0,200})?\s*:$", RegexOptions.IgnoreCase)]
    private static partial Regex Wrote();

    [GeneratedRegex(@"^(On|Le|Am|El|Il|Op)\s", RegexOptions.IgnoreCase)]
    private static partial Regex OnLine();

    [GeneratedRegex(@"^Sent from my (iPhone|iPad|Android|mobile|phone|Galaxy)", RegexOptions.IgnoreCase)]
    private static partial Regex SentFrom();
}
