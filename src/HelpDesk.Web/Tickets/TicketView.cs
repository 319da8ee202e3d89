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
    public IEnumerable<StoredAttachment> AttachmentsOf(TicketMessage message) => Attachments.Where(a => a.MessageId == message.Id);
}

public sealed class TicketViews(ITicketStore tickets, IAttachmentStore attachments)
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
        return scope.IncludeInternal
            ? new TicketView(ticket, messages, files, await tickets.ListAuditAsync(ticketId, cancellationToken), await tickets.ListTimeAsync(ticketId, cancellationToken), rating)
            : new TicketView(ticket, messages, files, [], [], rating);
    }
}
