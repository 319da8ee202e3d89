using HelpDesk.Core.Common;
using HelpDesk.Core.Tickets;

namespace HelpDesk.Core.KnownIssues;

/// <summary>What telling the customers did: tickets told now, tickets told before, and tickets that could not be told, with why.</summary>
public sealed record FixNotice(int Told, int AlreadyTold, IReadOnlyList<string> NotTold);

/// <summary>
/// When a known issue is fixed, posts one public reply on each linked open ticket, which mails its requester through the
/// outbox as any engineer's reply does. Each ticket is told once however often this runs: the notice is recorded
/// before the reply, and a second run (or a second click at the same moment) finds it and skips the ticket. A reply that
/// cannot be saved forgets its notice, so the next run tells that ticket.
/// </summary>
public sealed class TellCustomersOfFix(IKnownIssueStore issues, ReplyToTicket reply, TimeProvider clock)
{
    public async Task<Result<FixNotice>> HandleAsync(TicketActor actor, int knownIssueId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var issue = actor.Kind == ActorKind.Staff ? await issues.GetAsync(knownIssueId, cancellationToken) : null;
        if (issue is null)
        {
            return Result<FixNotice>.NotFound($"There is no known issue {knownIssueId}.");
        }

        if (issue.Status != KnownIssueStatus.Fixed)
        {
            return Result<FixNotice>.Invalid("status", $"Customers are told once the issue is fixed; it is \"{issue.StatusText}\". Mark it fixed, naming the release, first.");
        }

        var told = 0;
        var already = 0;
        var notTold = new List<string>();
        foreach (var ticket in (await issues.LinkedTicketsAsync([issue.Id], cancellationToken)).Where(t => t.IsOpen))
        {
            if (!await issues.ClaimNoticeAsync(issue.Id, ticket.TicketId, clock.UtcNow(), cancellationToken))
            {
                already++;
                continue;
            }

            var result = await reply.HandleAsync(
                new ReplyToTicketRequest { Actor = actor, TicketId = ticket.TicketId, Body = Body(issue) },
                cancellationToken);
            if (result.Succeeded)
            {
                told++;
            }
            else
            {
                await issues.ReleaseNoticeAsync(issue.Id, ticket.TicketId, cancellationToken);
                notTold.Add($"{TicketNumber.Format(ticket.TicketId)}: {string.Join(" ", result.Errors.Select(e => e.Message))}");
            }
        }

        return Result<FixNotice>.Ok(new FixNotice(told, already, notTold));
    }

    /// <summary>The reply each customer gets.</summary>
    public static string Body(KnownIssue issue)
    {
        ArgumentNullException.ThrowIfNull(issue);
        var note = issue.PublicNote.Length > 0 ? $"\n\n{issue.PublicNote}" : "";
        return $"Good news: the problem this ticket reports, \"{issue.Title}\", is fixed in {issue.ProductName} {issue.StatusRelease}.{note}\n\nPlease upgrade to {issue.StatusRelease} and tell us here whether it solves the problem for you.";
    }
}
