using HelpDesk.Core.Organisations;
using HelpDesk.Core.Tickets;

namespace HelpDesk.Core.Routing;

/// <summary>
/// The intake step that routes every new ticket after its entitlement is judged: to the engineer the router chooses,
/// or into its skill queue. The decision, with its explanation, is kept on the ticket.
/// </summary>
public sealed class RouteTicket(IRoutingStore routing, IOrganisationStore organisations, RoutingSettings settings) : ITicketIntakeStep
{
    public async Task<Ticket> ApplyAsync(Ticket draft, FileTicketRequest request, DateTime nowUtc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var organisation = await organisations.GetRecentAsync(draft.OrganisationId, cancellationToken);
        var candidates = await routing.LoadCandidatesAsync(cancellationToken);
        var decision = Router.Decide(RoutingRequests.For(draft, organisation?.Segment ?? CustomerSegment.Standard, nowUtc), candidates, settings);
        return TicketRouting.Apply(draft, decision);
    }
}
