using HelpDesk.Core.Common;
using HelpDesk.Core.Tickets;

namespace HelpDesk.Core.KnownIssues;

/// <param name="KnownIssueId">The issue to link the ticket to; null removes the ticket's link.</param>
public sealed record LinkTicketRequest(TicketActor Actor, int TicketId, int? KnownIssueId);

/// <summary>
/// Links a ticket to a known issue (staff only). A ticket links to at most one known issue: it reports one problem,
/// and one link keeps each ticket counted once in the ranking and told once when the fix ships. Linking again moves
/// the link; a customer gets "not found", as for a ticket that does not exist.
/// </summary>
public sealed class LinkTicketToKnownIssue(ITicketStore tickets, IKnownIssueStore issues, TimeProvider clock)
{
    public async Task<Result<KnownIssue?>> HandleAsync(LinkTicketRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var number = TicketNumber.Format(request.TicketId);
        if (request.Actor.Kind != ActorKind.Staff || await tickets.GetAsync(request.TicketId, TicketScope.Staff, cancellationToken) is null)
        {
            return Result<KnownIssue?>.NotFound($"There is no ticket {number}.");
        }

        KnownIssue? issue = null;
        if (request.KnownIssueId is int id)
        {
            issue = await issues.GetAsync(id, cancellationToken);
            if (issue is null)
            {
                return Result<KnownIssue?>.Invalid("knownIssueId", $"There is no known issue {id}; choose one from the list or create it first.");
            }
        }

        await issues.LinkAsync(request.TicketId, issue?.Id, request.Actor.UserId ?? 0, clock.UtcNow(), cancellationToken);
        return Result<KnownIssue?>.Ok(issue);
    }
}
