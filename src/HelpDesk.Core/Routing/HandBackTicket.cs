using HelpDesk.Core.Accounts;
using HelpDesk.Core.Common;
using HelpDesk.Core.Organisations;
using HelpDesk.Core.Tickets;

namespace HelpDesk.Core.Routing;

public sealed record HandBackTicketRequest(TicketActor Actor, int TicketId, string? Reason, int? ExpectedVersion);

/// <summary>
/// The assignee (or any engineer for them) gives a ticket back, saying why: the router chooses again among everyone
/// but them, or the ticket waits in its queue. They then pull the next waiting ticket, never this one.
/// </summary>
public sealed class HandBackTicket
{
    private readonly Rerouting _rerouting;
    private readonly TimeProvider _clock;

    public HandBackTicket(
        ITicketStore tickets,
        IRoutingStore routing,
        IOrganisationStore organisations,
        IPeopleDirectory people,
        RoutingSettings settings,
        PullFromQueues pull,
        TimeProvider clock)
    {
        _rerouting = new(tickets, routing, organisations, people, settings, pull);
        _clock = clock;
    }

    public async Task<Result<Ticket>> HandleAsync(HandBackTicketRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new List<FieldError>();
        Rerouting.Reason(errors, request.Reason, "Say why you are handing the ticket back; the next engineer reads it.");
        if (errors.Count > 0)
        {
            return Result<Ticket>.Invalid(errors);
        }

        var loaded = await _rerouting.LoadOpenAsync(request.Actor, request.TicketId, request.ExpectedVersion, "handing back", ct);
        if (!loaded.Succeeded)
        {
            return loaded;
        }

        var ticket = loaded.Value!;
        if (ticket.AssigneeId is not int assignee)
        {
            return Result<Ticket>.Invalid("reason", $"{ticket.Number} is not assigned to anyone, so there is nothing to hand back.");
        }

        var now = _clock.UtcNow();
        var reason = request.Reason!.Trim();
        var routingRequest = await _rerouting.RequestAsync(ticket, now, ct) with { Exclude = [assignee] };
        var decision = Router.Decide(routingRequest, await _rerouting.CandidatesAsync(ticket, ct), _rerouting.Settings, RoutingTrigger.HandedBack) with { Note = reason };
        return await _rerouting.SaveAsync(ticket, TicketRouting.Apply(ticket, decision), request.Actor, [new("handed back", null, reason)], now, ct);
    }
}
