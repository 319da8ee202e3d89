using System.Globalization;
using HelpDesk.Core.Accounts;
using HelpDesk.Core.Common;
using HelpDesk.Core.Organisations;
using HelpDesk.Core.Tickets;

namespace HelpDesk.Core.Routing;

public sealed record EscalateTicketRequest(TicketActor Actor, int TicketId, string? Reason, int? ExpectedVersion);

/// <summary>
/// An engineer sends a ticket up a tier, saying why: the ticket needs the next tier (3 at most) and the router
/// chooses again among the engineers of that tier, or queues it in the tier's queue. Whoever escalates it and whoever
/// had it have given it up: the router never hands it straight back to them, and with nobody else free it waits.
/// </summary>
public sealed class EscalateTicket(Rerouting rerouting)
{
    public async Task<Result<Ticket>> HandleAsync(EscalateTicketRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var loaded = await rerouting.LoadOpenAsync(
            request.Actor, request.TicketId, request.ExpectedVersion, "escalating", request.Reason, "Say why the ticket needs a higher tier; the next engineer reads it.", ct);
        if (!loaded.Succeeded)
        {
            return loaded;
        }

        var ticket = loaded.Value!;
        if (ticket.Tier >= EngineerProfile.MaxTier)
        {
            return Result<Ticket>.Invalid("tier", $"{ticket.Number} is already at tier {EngineerProfile.MaxTier}, the highest; reassign it or hand it back instead.");
        }

        var now = rerouting.UtcNow();
        var reason = request.Reason!.Trim();
        var escalated = ticket with { Tier = ticket.Tier + 1 };
        GivenUp[] givingUp = [.. new[] { request.Actor.UserId, ticket.AssigneeId }.OfType<int>().Distinct().Select(id => new GivenUp(id, GiveUp.Escalated))];
        var routingRequest = await rerouting.RequestAsync(escalated, givingUp, now, ct);
        var decision = Router.Decide(routingRequest, await rerouting.CandidatesAsync(ticket, ct), rerouting.Settings, RoutingTrigger.Escalated) with { Note = reason };
        return await rerouting.SaveAsync(
            ticket,
            TicketRouting.Apply(escalated, decision),
            request.Actor,
            [new("escalated", null, reason), new("tier", ticket.Tier.ToString(CultureInfo.InvariantCulture), escalated.Tier.ToString(CultureInfo.InvariantCulture))],
            givingUp,
            now,
            ct);
    }
}
