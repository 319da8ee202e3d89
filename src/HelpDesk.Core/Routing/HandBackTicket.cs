using HelpDesk.Core.Accounts;
using HelpDesk.Core.Common;
using HelpDesk.Core.Organisations;
using HelpDesk.Core.Tickets;

namespace HelpDesk.Core.Routing;

public sealed record HandBackTicketRequest(TicketActor Actor, int TicketId, string? Reason, int? ExpectedVersion);

/// <summary>
/// The assignee (or any engineer for them) gives a ticket back, saying why: the router chooses again among everyone
/// but them, or the ticket waits in its queue. They then pull the next waiting ticket, never this one: having given it
/// up, they are never given it back by the router (see <see cref="GivenUp"/>).
/// </summary>
public sealed class HandBackTicket(Rerouting rerouting)
{
    public async Task<Result<Ticket>> HandleAsync(HandBackTicketRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var loaded = await rerouting.LoadOpenAsync(
            request.Actor, request.TicketId, request.ExpectedVersion, "handing back", request.Reason, "Say why you are handing the ticket back; the next engineer reads it.", ct);
        if (!loaded.Succeeded)
        {
            return loaded;
        }

        var ticket = loaded.Value!;
        if (ticket.AssigneeId is not int assignee)
        {
            return Result<Ticket>.Invalid("reason", $"{ticket.Number} is not assigned to anyone, so there is nothing to hand back.");
        }

        var now = rerouting.UtcNow();
        var reason = request.Reason!.Trim();
        GivenUp[] givingUp = [new(assignee, GiveUp.HandedBack)];
        var routingRequest = await rerouting.RequestAsync(ticket, givingUp, now, ct);
        var decision = Router.Decide(routingRequest, await rerouting.CandidatesAsync(ticket, ct), rerouting.Settings, RoutingTrigger.HandedBack) with { Note = reason };
        return await rerouting.SaveAsync(ticket, TicketRouting.Apply(ticket, decision), request.Actor, [new("handed back", null, reason)], givingUp, now, ct);
    }
}
