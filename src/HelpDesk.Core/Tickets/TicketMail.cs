using HelpDesk.Core.Accounts;
using HelpDesk.Core.Mail;
using HelpDesk.Core.Sla;

namespace HelpDesk.Core.Tickets;

/// <summary>
/// The notifications a ticket sends. Every subject carries the ticket's tag (<c>[HD-42]</c>) so replies thread.
/// Internal notes and time are never in them. They are queued as text: the sender lays out the HTML part from it, signed
/// with the ticket's number, when it sends them. Only a mail with buttons (the rating links) is queued with its own.
/// </summary>
public static class TicketMail
{
    public const string Acknowledgement = "ticket-acknowledgement";
    public const string Reply = "ticket-reply";
    public const string CustomerReply = "ticket-customer-reply";
    public const string StatusNotice = "ticket-status";
    public const string SlaAtRiskNotice = "ticket-sla-at-risk";
    public const string SlaBreachedNotice = "ticket-sla-breached";
    public const string ReclassifiedNotice = "ticket-reclassified";
    public const string DuplicateNotice = "ticket-duplicate";

    public static string Tag(Ticket ticket) => $"[{ticket.Number}]";

    /// <summary>The line under the HTML part of mail about the ticket: here for the rating notice, by the sender for the rest.</summary>
    public static string Signature(int ticketId) => $"Ticket {TicketNumber.Format(ticketId)}";

    /// <summary>
    /// To the requester: the ticket is filed. Without <paramref name="quote"/> it says nothing the sender wrote (no
    /// subject, no name), for mail from someone the desk does not know. With <paramref name="site"/> it also says, in a
    /// sentence each, how the request was judged, when the SLA answers and resolves it (in <paramref name="timeZone"/>,
    /// the contract's support time zone, else UTC) and where to follow it.
    /// </summary>
    public static OutboundMail Acknowledge(Ticket ticket, Person requester, bool quote = true, PublicSite? site = null, string? timeZone = null)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(requester);
        var text = quote
            ? $"""
              Hello {requester.Name},

              We have your request "{ticket.Subject}" as ticket {ticket.Number}. We will answer by email and on the portal.
              Reply to this message to add anything; keep {Tag(ticket)} in the subject.
              """
            : $"""
              Hello,

              We have your request as ticket {ticket.Number}. We will answer by email.
              Reply to this message to add anything; keep {Tag(ticket)} in the subject.
              """;
        if (quote && site is not null)
        {
            var facts = string.Join("\n", new[] { VerdictSentence(ticket), DueSentence(ticket, timeZone) }.OfType<string>());
            text += (facts.Length > 0 ? "\n\n" + facts : "") + $"\n\nFollow it on the portal: {site.Link(PortalPath(ticket))}";
        }

        return new(
            Acknowledgement,
            requester.Email,
            quote ? $"{Tag(ticket)} {ticket.Subject}" : $"{Tag(ticket)} We have your request",
            text,
            TicketId: ticket.Id);
    }

    /// <summary>The ticket's page on the portal.</summary>
    public static string PortalPath(Ticket ticket) => PortalPath(ticket.Id);

    /// <summary>The portal page of the ticket with <paramref name="ticketId"/>.</summary>
    public static string PortalPath(int ticketId) => $"/portal/tickets/{Uri.EscapeDataString(TicketNumber.Format(ticketId))}";

    /// <summary>"Your request is entitled: …", the verdict and its first reason, or null before a verdict.</summary>
    private static string? VerdictSentence(Ticket ticket)
    {
        if (ticket.Entitlement is not { } decision)
        {
            return null;
        }

        var reason = decision.Reasons.Count > 0 ? $": {decision.Reasons[0].Text.TrimEnd('.')}." : ".";
        return $"Your request is {Scope.EntitlementWording.Verdict(ticket.Verdict ?? decision.Verdict)}{reason}";
    }

    /// <summary>When the SLA promises the first answer and the resolution, in the customer's time zone, or null with no SLA.</summary>
    private static string? DueSentence(Ticket ticket, string? timeZone)
    {
        if (ticket.FirstResponseDueUtc is null && ticket.ResolveDueUtc is null)
        {
            return null;
        }

        var zone = Contracts.ContractTerms.ZoneOf(timeZone);
        string When(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(Contracts.ContractTerms.AsUtc(utc), zone)
            .ToString("ddd d MMM yyyy HH:mm", System.Globalization.CultureInfo.InvariantCulture) + $" ({zone.Id})";
        var parts = new List<string>();
        if (ticket.FirstResponseDueUtc is { } first)
        {
            parts.Add($"a first answer by {When(first)}");
        }

        if (ticket.ResolveDueUtc is { } resolve)
        {
            parts.Add($"a resolution by {When(resolve)}");
        }

        return $"Under your support plan you can expect {string.Join(" and ", parts)}.";
    }

    public static OutboundMail EngineerReplied(Ticket ticket, Person requester, Person engineer, MessageBody body) => new(
        Reply,
        requester.Email,
        $"Re: {Tag(ticket)} {ticket.Subject}",
        $"""
        {body.Text}

        -- 
        {engineer.Name}, for ticket {ticket.Number}. Reply to this message to answer.
        """,
        TicketId: ticket.Id);

    public static OutboundMail CustomerReplied(Ticket ticket, Person assignee, Person customer, MessageBody body) => new(
        CustomerReply,
        assignee.Email,
        $"Re: {Tag(ticket)} {ticket.Subject}",
        $"""
        {customer.Name} replied on {ticket.Number}:

        {body.Text}
        """,
        TicketId: ticket.Id);

    /// <summary>
    /// To the requester: the ticket's new status. A resolution invites a rating: with <paramref name="ratingLinks"/>
    /// (the links for scores 1 to 5, in order) one click on a score rates it, without signing in; without them, the
    /// portal. <paramref name="askNps"/> adds the NPS question, its links on <paramref name="site"/>.
    /// </summary>
    public static OutboundMail StatusChanged(Ticket ticket, Person requester, PublicSite site, bool askNps = false, IReadOnlyList<string>? ratingLinks = null)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(requester);
        ArgumentNullException.ThrowIfNull(site);
        var follow = $"The ticket on the portal: {site.Link(PortalPath(ticket))}";
        if (ticket.Status != TicketStatus.Resolved)
        {
            var text = $"""
                Hello {requester.Name},

                Ticket {ticket.Number} "{ticket.Subject}" is now {TicketWorkflow.Describe(ticket.Status)}.

                {follow}
                """;
            return new(StatusNotice, requester.Email, Subject(), text, TicketId: ticket.Id);
        }

        var opening = $"""
            Hello {requester.Name},

            We consider ticket {ticket.Number} "{ticket.Subject}" resolved. If it is not, reply to this message and it reopens.
            """;
        var nps = askNps ? "\n\n" + Economics.NpsSurvey.MailQuestion(ticket.Number, site) : "";
        if (ratingLinks is not { Count: RatingScale.Count })
        {
            var text = opening + "\nYou can rate how we did on the portal.\n\n" + follow + nps;
            return new(StatusNotice, requester.Email, Subject(), text, TicketId: ticket.Id);
        }

        var invitation = "\n\nHow did we do? One click on a rating sends it, no sign-in needed:";
        static string Label(int i) => $"{RatingScale.Min + i} ({RatingScale.Describe(RatingScale.Min + i)})";
        var links = string.Join("\n", ratingLinks.Select((link, i) => $"{Label(i)}: {link}"));
        var buttons = ratingLinks.Select((link, i) => new MailButton(Label(i), link)).ToList();
        return new(
            StatusNotice,
            requester.Email,
            Subject(),
            opening + invitation + "\n" + links + "\n\n" + follow + nps,
            MailLayout.FromText(opening + invitation, Signature(ticket.Id), buttons, follow + nps),
            TicketId: ticket.Id);

        string Subject() => $"{Tag(ticket)} is now {TicketWorkflow.Describe(ticket.Status)}";
    }

    /// <summary>
    /// To the requester: staff corrected the ticket's facts and it was judged again with another verdict; the mail
    /// gives the new verdict and its reasons, as the portal shows them.
    /// </summary>
    public static OutboundMail Reclassified(Ticket ticket, Person requester, Scope.Verdict? previous)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(requester);
        var decision = ticket.Entitlement ?? throw new ArgumentException("A reclassified ticket has a decision.", nameof(ticket));
        var now = Scope.EntitlementWording.Verdict(decision.Verdict);
        var was = previous is Scope.Verdict old ? $" (it was {Scope.EntitlementWording.Verdict(old)})" : "";
        var about = ticket.ProductRelease is null ? ticket.Product : $"{ticket.Product} {ticket.ProductRelease}";
        var reasons = string.Join("\n", decision.Reasons.Select(r => $"- {r.Text}"));
        return new(
            ReclassifiedNotice,
            requester.Email,
            $"{Tag(ticket)} {ticket.Subject}: now {now}",
            $"""
            Hello {requester.Name},

            We have reviewed ticket {ticket.Number} "{ticket.Subject}" and corrected what it is about ({about}). Judged as of when you filed it, the request is now {now}{was}, because:
            {reasons}

            The portal shows the same. Reply to this message if something is not right.
            """,
            TicketId: ticket.Id);
    }

    /// <summary>To the requester: the ticket was closed as a duplicate of another, where the work goes on.</summary>
    public static OutboundMail ClosedAsDuplicate(Ticket ticket, Ticket original, Person requester)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(requester);
        return new(
            DuplicateNotice,
            requester.Email,
            $"{Tag(ticket)} is a duplicate of {original.Number}",
            $"""
            Hello {requester.Name},

            Ticket {ticket.Number} "{ticket.Subject}" asks what {original.Number} "{original.Subject}" already asks, so we have closed it and carry on in {original.Number}.
            Reply there, keeping {Tag(original)} in the subject.
            """,
            TicketId: ticket.Id);
    }

    /// <summary>
    /// To staff: a target of the ticket is at risk or breached. The assignee hears it; for a ticket waiting in its
    /// queue, the engineers who could take it do, and are asked to. <paramref name="escalation"/> says where the
    /// monitor escalated a breached critical ticket.
    /// </summary>
    public static OutboundMail SlaNotice(Ticket ticket, Person engineer, IReadOnlyList<SlaEvent> events, string? escalation = null)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(engineer);
        ArgumentNullException.ThrowIfNull(events);
        var breached = events.Any(e => e.State == SlaState.Breached);
        var lines = string.Join("\n", events.Select(e => $"- {e.Text}"));
        var first = events.Count == 0 ? "SLA notice" : events[0].Text;
        var whose = ticket.AssigneeId == engineer.Id
            ? "It is assigned to you."
            : $"It waits unassigned in {ticket.Queue ?? "its queue"}, and you qualify for it: take it from the desk if you can.";
        var escalated = escalation is null ? "" : $"\n\n{escalation}";
        return new(
            breached ? SlaBreachedNotice : SlaAtRiskNotice,
            engineer.Email,
            $"{Tag(ticket)} {char.ToUpperInvariant(first[0])}{first[1..]}",
            $"""
            Hello {engineer.Name},

            Ticket {ticket.Number} "{ticket.Subject}" ({ticket.Severity.ToString().ToLowerInvariant()} severity, tier {ticket.Tier}):
            {lines}

            {whose}{escalated}
            """,
            TicketId: ticket.Id);
    }
}
