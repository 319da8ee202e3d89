namespace HelpDesk.Core.Mail;

/// <summary>What kind of sender a message comes from, as far as answering it goes.</summary>
public enum MailKind
{
    /// <summary>A person: file or thread it, and answer.</summary>
    Person,

    /// <summary>An auto-reply or out-of-office.</summary>
    AutoReply,

    /// <summary>A bounce or delivery status report.</summary>
    Bounce,

    /// <summary>Mailing-list or bulk mail.</summary>
    List,

    /// <summary>Our own mail come back: answering it would loop.</summary>
    Loop,
}

/// <summary>The classifier's verdict and the headers that led to it, in words.</summary>
public sealed record MailClassification(MailKind Kind, IReadOnlyList<string> Reasons)
{
    /// <summary>Any kind but a person's: never answered.</summary>
    public bool IsRobot => Kind != MailKind.Person;

    public string Summary => Reasons.Count == 0 ? "Written by a person." : string.Join("; ", Reasons);
}

/// <summary>
/// Tells a person's mail from a robot's by its headers (RFC 3834, RFC 3464, RFC 2919 and the common vendor headers).
/// A robot's mail is never answered; the first matching rule names the kind, and every matching rule is a reason.
/// </summary>
public static class MailClassifier
{
    public static MailClassification Classify(InboundEmail email, string ourAddress, string loopToken)
    {
        ArgumentNullException.ThrowIfNull(email);
        var robot = email.Robot;
        var found = new List<(MailKind Kind, string Reason)>();

        if (robot.XLoop.Any(v => v.Contains(loopToken, StringComparison.OrdinalIgnoreCase)))
        {
            found.Add((MailKind.Loop, $"X-Loop: {loopToken}: our own mail came back"));
        }

        if (!string.IsNullOrEmpty(ourAddress) && string.Equals(email.FromAddress, ourAddress, StringComparison.OrdinalIgnoreCase))
        {
            found.Add((MailKind.Loop, $"sent from our own address {ourAddress}"));
        }

        if (email.Report is not null || robot.ContentType.Equals("multipart/report", StringComparison.OrdinalIgnoreCase))
        {
            found.Add((MailKind.Bounce, "a delivery status report (multipart/report)"));
        }

        if (email.FromAddress.Length == 0)
        {
            var who = string.IsNullOrWhiteSpace(email.FromName) ? "" : $" (From: {email.FromName.Trim()})";
            found.Add((MailKind.Bounce, $"no sender address{who}: sent by a mail system"));
        }

        if (robot.ReturnPath is "")
        {
            found.Add((MailKind.Bounce, "empty Return-Path (<>): sent by a mail system"));
        }

        if (robot.AutoSubmitted is { } autoSubmitted && !autoSubmitted.Trim().StartsWith("no", StringComparison.OrdinalIgnoreCase))
        {
            found.Add((MailKind.AutoReply, $"Auto-Submitted: {autoSubmitted.Trim()}"));
        }

        if (robot.XAutoreply is not null)
        {
            found.Add((MailKind.AutoReply, "X-Autoreply header"));
        }

        if (robot.XAutorespond is not null)
        {
            found.Add((MailKind.AutoReply, "X-Autorespond header"));
        }

        if (robot.XAutoResponseSuppress is { } suppress && !suppress.Trim().Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            found.Add((MailKind.AutoReply, $"X-Auto-Response-Suppress: {suppress.Trim()}"));
        }

        if (robot.Precedence is { } precedence
            && (precedence.Contains("bulk", StringComparison.OrdinalIgnoreCase)
                || precedence.Contains("junk", StringComparison.OrdinalIgnoreCase)
                || precedence.Contains("list", StringComparison.OrdinalIgnoreCase)
                || precedence.Contains("auto_reply", StringComparison.OrdinalIgnoreCase)))
        {
            var kind = precedence.Contains("auto_reply", StringComparison.OrdinalIgnoreCase) ? MailKind.AutoReply : MailKind.List;
            found.Add((kind, $"Precedence: {precedence.Trim()}"));
        }

        if (robot.ListId is not null)
        {
            found.Add((MailKind.List, $"List-Id: {robot.ListId.Trim()}"));
        }

        if (found.Count == 0)
        {
            return new MailClassification(MailKind.Person, []);
        }

        // The most telling kind wins: our own mail coming back, then a bounce, an auto-reply, a list.
        var winner = found.Select(f => f.Kind).OrderBy(Rank).First();
        return new MailClassification(winner, found.Select(f => f.Reason).ToList());
    }

    private static int Rank(MailKind kind) => kind switch
    {
        MailKind.Loop => 0,
        MailKind.Bounce => 1,
        MailKind.AutoReply => 2,
        MailKind.List => 3,
        _ => 4,
    };
}
