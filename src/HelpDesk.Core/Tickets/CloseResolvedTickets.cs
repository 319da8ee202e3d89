using HelpDesk.Core.Common;

namespace HelpDesk.Core.Tickets;

/// <summary>How long a resolved ticket waits for the customer before it closes by itself.</summary>
public sealed record TicketSettings
{
    public int CloseResolvedAfterDays { get; init; } = 7;
}

/// <summary>The recurring job that closes tickets left resolved for <see cref="TicketSettings.CloseResolvedAfterDays"/> days.</summary>
public sealed class CloseResolvedTickets(ITicketStore tickets, TicketSettings settings, TimeProvider clock)
{
    private const int Batch = 500;

    /// <returns>How many tickets were closed.</returns>
    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.UtcNow();
        var cutoff = now.AddDays(-settings.CloseResolvedAfterDays);
        var closed = 0;
        foreach (var id in await tickets.ListResolvedBeforeAsync(cutoff, Batch, cancellationToken))
        {
            var ticket = await tickets.GetAsync(id, TicketScope.Staff, cancellationToken);
            if (ticket is null || ticket.Status != TicketStatus.Resolved)
            {
                continue;
            }

            var changed = TicketWorkflow.Apply(ticket with { UpdatedUtc = now }, TicketStatus.Closed, now);
            var update = new TicketUpdate(changed, null, [TicketChanges.StatusChange(TicketStatus.Resolved, TicketStatus.Closed)], now);

            // A customer reply that reopened it meanwhile wins: the stale update is simply skipped.
            if (await tickets.UpdateAsync(update, cancellationToken) is not null)
            {
                closed++;
            }
        }

        return closed;
    }
}
