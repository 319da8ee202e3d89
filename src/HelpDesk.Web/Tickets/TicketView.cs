using HelpDesk.Core.Accounts;
using HelpDesk.Core.Attachments;
using HelpDesk.Core.Tickets;

namespace HelpDesk.Web.Tickets;

/// <summary>Everything a ticket page or the API shows of one ticket, read in the actor's scope.</summary>
public sealed record TicketView(
    Ticket Ticket,
    IReadOnlyList<TicketMessage> Messages,
    IReadOnlyList<StoredAttachment> Attachments,
    IReadOnlyList<TicketAuditEntry> Audit,
    IReadOnlyList<TimeEntry> Time,
    TicketRating? Rating)
{
    /// <summary>The verdict panel's content; null for a ticket filed before entitlement was checked.</summary>
    public EntitlementView? Entitlement { get; init; }

    /// <summary>The name of the engineer the ticket is assigned to now; null while it is unassigned.</summary>
    public string? AssigneeName { get; init; }

    /// <summary>The tickets closed as duplicates of this one.</summary>
    public IReadOnlyList<TicketSummary> Duplicates { get; init; } = [];

    public IEnumerable<StoredAttachment> AttachmentsOf(TicketMessage message) => Attachments.Where(a => a.MessageId == message.Id);
}

public sealed class TicketViews(ITicketStore tickets, IAttachmentStore attachments, IPeopleDirectory people)
{
    /// <summary>Null when the ticket does not exist or is not the actor's to see; internal parts only for staff.</summary>
    public async Task<TicketView?> LoadAsync(int ticketId, TicketActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var scope = actor.Scope;
        var ticket = await tickets.GetAsync(ticketId, scope, cancellationToken);
        if (ticket is null)
        {
            return null;
        }

        var messages = await tickets.ListMessagesAsync(ticketId, scope, cancellationToken);
        var visible = messages.Select(m => m.Id).ToHashSet();
        var files = (await attachments.ListForTicketAsync(ticketId, cancellationToken)).Where(a => visible.Contains(a.MessageId)).ToList();
        var rating = ticket.Resolutions > 0 ? await tickets.GetRatingAsync(ticketId, ticket.Resolutions, scope, cancellationToken) : null;
        var overriddenBy = ticket.Override is { } o ? await people.FindAsync(o.ById, cancellationToken) : null;
        var entitlement = EntitlementView.Of(ticket, overriddenBy?.Name);
        var assignee = ticket.AssigneeId is int assigneeId ? await people.FindAsync(assigneeId, cancellationToken) : null;
        var duplicates = (await tickets.ListAsync(new TicketQuery { Scope = scope, DuplicateOfId = ticketId, Sort = TicketSort.Created, Take = 100 }, cancellationToken)).Items;
        var view = scope.IncludeInternal
            ? new TicketView(ticket, messages, files, await tickets.ListAuditAsync(ticketId, cancellationToken), await tickets.ListTimeAsync(ticketId, cancellationToken), rating)
            : new TicketView(ticket, messages, files, [], [], rating);
        return view with { Entitlement = entitlement, AssigneeName = assignee?.Name, Duplicates = duplicates };
    }
}
