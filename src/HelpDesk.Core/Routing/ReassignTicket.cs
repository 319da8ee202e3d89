using HelpDesk.Core.Accounts;
using HelpDesk.Core.Common;
using HelpDesk.Core.Organisations;
using HelpDesk.Core.Tickets;

namespace HelpDesk.Core.Routing;

/// <param name="EngineerId">The engineer to give the ticket to, or null to let the router choose (never the current assignee).</param>
public sealed record ReassignTicketRequest(TicketActor Actor, int TicketId, int? EngineerId, string? Reason, int? ExpectedVersion);

/// <summary>
/// A manager moves a ticket (the pages allow it to managers only): to an engineer they name, who must have a routing
/// profile and gets it even when the router would not have chosen them (the explanation says why it would not),
/// or back through the router, leaving out the current assignee.
/// </summary>
public sealed class ReassignTicket(Rerouting rerouting)
{
    public async Task<Result<Ticket>> HandleAsync(ReassignTicketRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var loaded = await rerouting.LoadOpenAsync(request.Actor, request.TicketId, request.ExpectedVersion, "reassigning", request.Reason, missingReason: null, ct);
        if (!loaded.Succeeded)
        {
            return loaded;
        }

        var ticket = loaded.Value!;
        var now = rerouting.UtcNow();
        var reason = TicketRules.Clean(request.Reason);
        var routingRequest = await rerouting.RequestAsync(ticket, [], now, ct);
        var candidates = await rerouting.CandidatesAsync(ticket, ct);
        RoutingDecision decision;
        if (request.EngineerId is int engineerId)
        {
            if (engineerId == ticket.AssigneeId)
            {
                return Result<Ticket>.Invalid("engineerId", $"{ticket.Number} is already assigned to them.");
            }

            var engineer = candidates.FirstOrDefault(c => c.Engineer.UserId == engineerId);
            if (engineer is null)
            {
                return Result<Ticket>.Invalid("engineerId", "Only engineers with a routing profile can be given tickets; add their profile under Engineers first.");
            }

            decision = Router.Chosen(routingRequest, engineer, rerouting.Settings, RoutingTrigger.Reassigned, "a manager") with { Note = reason };
        }
        else
        {
            var exclude = ticket.AssigneeId is int current ? new[] { current } : [];
            decision = Router.Decide(routingRequest with { Exclude = exclude }, candidates, rerouting.Settings, RoutingTrigger.Reassigned) with { Note = reason };
        }

        return await rerouting.SaveAsync(
            ticket,
            TicketRouting.Apply(ticket, decision),
            request.Actor,
            reason is null ? [] : [new("reassigned", null, reason)],
            [],
            now,
            ct);
    }
}
