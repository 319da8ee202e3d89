using HelpDesk.Core.Accounts;
using HelpDesk.Core.Mail;
using HelpDesk.Core.Sla;

namespace HelpDesk.Core.Tickets;

/// <summary>
/// The notifications a ticket sends. Every subject carries the ticket's tag (<c>[HD-42]</c>) so replies thread.
/// Internal notes and time are never in them.
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

    /// <summary>
    /// To the requester: the ticket is filed. Without <paramref name="quote"/> it says nothing the sender wrote (no
    /// subject, no name), for mail from someone the desk does not know.
    /// </summary>
    public static OutboundMail Acknowledge(Ticket ticket, Person requester, bool quote = true) => quote
        ? new(
            Acknowledgement,
            requester.Email,
            $"{Tag(ticket)} {ticket.Subject}",
            $"""
            Hello {requester.Name},

            We have your request "{ticket.Subject}" as ticket {ticket.Number}. We will answer by email and on the portal.
            Reply to this message to add anything; keep {Tag(ticket)} in the subject.
            """,
            TicketId: ticket.Id)
        : new(
            Acknowledgement,
            requester.Email,
            $"{Tag(ticket)} We have your request",
            $"""
            Hello,

            We have your request as ticket {ticket.Number}. We will answer by email.
            Reply to this message to add anything; keep {Tag(ticket)} in the subject.
            """,
            TicketId: ticket.Id);

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
    /// To the requester: the ticket's new status. <paramref name="askNps"/> adds the NPS question to a resolution,
    /// its links on <paramref name="site"/>.
    /// </summary>
    public static OutboundMail StatusChanged(Ticket ticket, Person requester, PublicSite site, bool askNps = false) => new(
        StatusNotice,
        requester.Email,
        $"{Tag(ticket)} is now {TicketWorkflow.Describe(ticket.Status)}",
        ticket.Status == TicketStatus.Resolved
            ? $"""
              Hello {requester.Name},

              We consider ticket {ticket.Number} "{ticket.Subject}" resolved. If it is not, reply to this message and it reopens.
              You can rate how we did on the portal.
              """ + (askNps ? "\n\n" + Economics.NpsSurvey.MailQuestion(ticket.Number, site) : "")
            : $"""
              Hello {requester.Name},

              Ticket {ticket.Number} "{ticket.Subject}" is now {TicketWorkflow.Describe(ticket.Status)}.
              """,
        TicketId: ticket.Id);

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
