namespace HelpDesk.Core.Mail;

/// <summary>Whether a person's mail may be acknowledged, and why not when it may not.</summary>
public sealed record AnswerDecision(bool Answer, IReadOnlyList<string> Reasons)
{
    public string Summary => string.Join("; ", Reasons);
}

/// <summary>
/// Decides whether mail that makes a ticket is answered with an acknowledgement. It still makes its ticket either way:
/// these are senders a person may stand behind, but an automatic answer to them is backscatter (a spam-flagged
/// message's forged sender), a loop with another system (a foreign <c>X-Loop</c>), or goes to an address that takes
/// no mail (noreply@, postmaster@ and the like). Robots are <see cref="MailClassifier"/>'s; this comes after it.
/// </summary>
public static class AnswerRule
{
    /// <summary>Local parts of addresses that take no replies, or whose replies a help desk must not send.</summary>
    private static readonly string[] SilentLocalParts =
    [
        "noreply", "no-reply", "no_reply", "donotreply", "do-not-reply", "do_not_reply", "abuse", "postmaster", "mailer-daemon",
    ];

    public static AnswerDecision Decide(InboundEmail email, MailSettings settings)
    {
        ArgumentNullException.ThrowIfNull(email);
        ArgumentNullException.ThrowIfNull(settings);
        var reasons = new List<string>();

        var loopToken = settings.LoopToken;
        foreach (var loop in email.Robot.XLoop.Where(v => !v.Contains(loopToken, StringComparison.OrdinalIgnoreCase)).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            reasons.Add($"X-Loop: {Clip(loop)} says another system already handles this mail; an answer could loop with it");
        }

        if (Header(email, "X-Spam-Flag") is { } flag && flag.Trim().Equals("yes", StringComparison.OrdinalIgnoreCase))
        {
            reasons.Add("X-Spam-Flag: YES: a spam filter flagged it, and spam's sender is usually forged");
        }

        if (settings.SpamHeader is { Length: > 0 } spamHeader
            && !spamHeader.Equals("X-Spam-Flag", StringComparison.OrdinalIgnoreCase)
            && Header(email, spamHeader) is { } mark
            && mark.Trim().StartsWith(settings.SpamHeaderValue, StringComparison.OrdinalIgnoreCase))
        {
            reasons.Add($"{spamHeader}: {Clip(mark.Trim())}: a spam filter flagged it, and spam's sender is usually forged");
        }

        if (SilentLocalPart(email.FromAddress) is { } local)
        {
            reasons.Add($"{email.FromAddress} is a {local}@ address, which takes no replies");
        }

        return new AnswerDecision(reasons.Count == 0, reasons);
    }

    /// <summary>The silent local part the address starts with ("noreply", "noreply+x", "noreply-billing"), if any.</summary>
    private static string? SilentLocalPart(string address)
    {
        var at = address.LastIndexOf('@');
        var local = (at >= 0 ? address[..at] : address).Trim().ToLowerInvariant();
        return SilentLocalParts.FirstOrDefault(silent =>
            local == silent || (local.StartsWith(silent, StringComparison.Ordinal) && local[silent.Length] is '+' or '-' or '.' or '_'));
    }

    private static string? Header(InboundEmail email, string name) =>
        email.Headers.Where(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).FirstOrDefault();

    private static string Clip(string value) => value.Length <= 80 ? value : string.Concat(value.AsSpan(0, 79), "…");
}
