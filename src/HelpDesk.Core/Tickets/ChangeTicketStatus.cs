using HelpDesk.Core.Accounts;
using HelpDesk.Core.Common;

namespace HelpDesk.Core.Tickets;

public sealed record ChangeTicketStatusRequest(TicketActor Actor, int TicketId, TicketStatus Status, int? ExpectedVersion);

/// <summary>Moves a ticket to another status if the workflow allows it; the requester hears about resolution.</summary>
public sealed class ChangeTicketStatus(ITicketStore tickets, IPeopleDirectory people, TimeProvider clock)
{
    public async Task<Result<Ticket>> HandleAsync(ChangeTicketStatusRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var loaded = await TicketChanges.LoadAsync(tickets, request.TicketId, request.Actor, cancellationToken);
        if (!loaded.Succeeded)
        {
            return loaded;
        }

        var ticket = loaded.Value!;
        if (TicketChanges.CheckVersion(ticket, request.ExpectedVersion) is { } stale)
        {
            return stale;
        }

        var decision = TicketWorkflow.Decide(ticket.Status, request.Status, request.Actor.Kind);
        if (!decision.Allowed)
        {
            return Result<Ticket>.Invalid("status", decision.Reason);
        }

        var now = clock.UtcNow();
        var changed = TicketWorkflow.Apply(ticket with { UpdatedUtc = now }, request.Status, now);
        var requester = await people.FindAsync(ticket.RequesterId, cancellationToken);
        var notify = requester is not null && request.Status == TicketStatus.Resolved && request.Actor.Kind != ActorKind.Customer;
        return await TicketChanges.SaveAsync(
            tickets,
            new TicketUpdate(changed, request.Actor.UserId, [TicketChanges.StatusChange(ticket.Status, request.Status)], now)
            {
                Mail = notify ? [TicketMail.StatusChanged(changed, requester!)] : [],
            },
            cancellationToken);
    }
}
