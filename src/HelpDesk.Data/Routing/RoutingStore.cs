using System.Globalization;
using Dapper;
using HelpDesk.Core.Routing;
using HelpDesk.Core.Tickets;
using HelpDesk.Data.Infrastructure;
using HelpDesk.Data.Tickets;

namespace HelpDesk.Data.Routing;

/// <summary>
/// What the router and the queue pullers read and write beyond a ticket: engineers with their load, the first
/// waiting tickets of each skill queue, the claim of one, and the workload and queue depth figures for managers.
/// Profiles come from <see cref="EngineerProfileCache"/> when one is given; open counts and last assignment times
/// are read on every call, because they change with every ticket.
/// </summary>
public sealed class RoutingStore(IDbConnectionFactory connections, EngineerProfileCache? cache = null) : IRoutingStore
{
    // The open count is kept on the profile row by the Tickets triggers (migration 0024): one row per engineer, no count.
    private const string LoadsSql = "SELECT p.UserId, p.LastAssignedUtc, p.OpenTickets FROM EngineerProfiles p";

    private const string WorkloadSql = $"""
        SELECT p.UserId, p.LastAssignedUtc, COUNT(t.Id) AS OpenTickets,
               COALESCE(SUM(CASE WHEN t.SlaState = 'AtRisk' THEN 1 ELSE 0 END), 0) AS AtRisk,
               COALESCE(SUM(CASE WHEN t.SlaState = 'Breached' THEN 1 ELSE 0 END), 0) AS Breached
        FROM EngineerProfiles p
        LEFT JOIN Tickets t ON t.AssigneeId = p.UserId AND t.Status IN ({EngineerRows.OpenStatuses})
        GROUP BY p.UserId, p.LastAssignedUtc
        """;

    private const string PullOrder = "QueueDueUtc, Severity, CreatedUtc, Id";

    public async Task<IReadOnlyList<EngineerLoad>> LoadCandidatesAsync(CancellationToken cancellationToken = default)
    {
        var loads = await ReadLoadsAsync(LoadsSql, cancellationToken);
        var profiles = await ProfilesAsync(loads.Keys, cancellationToken);
        return profiles
            .Where(p => loads.ContainsKey(p.UserId))
            .Select(p => new EngineerLoad(p with { LastAssignedUtc = loads[p.UserId].LastAssignedUtc }, loads[p.UserId].OpenTickets))
            .ToList();
    }

    public async Task<IReadOnlyList<WaitingTicket>> ListWaitingAsync(IReadOnlyCollection<string> queues, int takePerQueue, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(queues);
        var names = queues.Where(q => !string.IsNullOrWhiteSpace(q)).Distinct(StringComparer.Ordinal).ToList();
        if (names.Count == 0 || takePerQueue <= 0)
        {
            return [];
        }

        // Each queue's first tickets come in order from IX_Tickets_Queue; only those few rows are joined and sorted.
        var pages = names.Select((_, i) => string.Create(CultureInfo.InvariantCulture, $"""
            SELECT Id FROM (
                SELECT q.Id FROM Tickets q
                WHERE q.Queue = @Queue{i} AND q.Queue IS NOT NULL
                ORDER BY q.{PullOrder.Replace(", ", ", q.", StringComparison.Ordinal)}
                {connections.Dialect.TopClause}
            ) w{i}
            """));
        var sql = $"""
            SELECT t.Id, t.Queue, t.Environment, t.Category, t.Language, t.Severity, t.Tier, o.Segment, t.QueueDueUtc, t.CreatedUtc
            FROM Tickets t
            JOIN Organisations o ON o.Id = t.OrganisationId
            WHERE t.Id IN (
            {string.Join("\nUNION ALL\n", pages)}
            )
            ORDER BY t.{PullOrder.Replace(", ", ", t.", StringComparison.Ordinal)}
            """;
        var parameters = new DynamicParameters();
        parameters.Add("Take", takePerQueue);
        foreach (var (name, i) in names.Select((name, i) => (name, i)))
        {
            parameters.Add(string.Create(CultureInfo.InvariantCulture, $"Queue{i}"), name);
        }

        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<WaitingTicket>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken)))

            // Under SQL Server's read committed, a ticket claimed while the statement runs may come back without its queue.
            .Where(r => r.Queue is not null)
            .ToList();
        var givenUp = await GivenUpRows.ReadAsync(connection, [.. rows.Select(r => r.Id)], cancellationToken);
        return [.. rows.Select(r => givenUp.Contains(r.Id) ? r with { GivenUpBy = [.. givenUp[r.Id]] } : r)];
    }

    public async Task<IReadOnlyList<GivenUp>> ListGivenUpAsync(int ticketId, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return [.. (await GivenUpRows.ReadAsync(connection, [ticketId], cancellationToken))[ticketId]];
    }

    public async Task<ClaimOutcome> ClaimAsync(TicketClaim claim, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(claim);
        const string openSql = "SELECT OpenTickets FROM EngineerProfiles WHERE UserId = @EngineerId";

        // Only a ticket still waiting is taken: of two engineers claiming it at once, one updates a row, the other none.
        const string claimSql = """
            UPDATE Tickets
            SET AssigneeId = @EngineerId, Queue = NULL, QueuedUtc = NULL, Routing = @Routing, UpdatedUtc = @Now, Version = Version + 1
            WHERE Id = @TicketId AND Queue IS NOT NULL AND AssigneeId IS NULL
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // The engineer's profile row is written first, as every write that assigns a ticket does: two claims for one
        // engineer then run one after the other, and the second counts what the first took.
        await EngineerRows.MarkAssignedAsync(connection, transaction, claim.EngineerId, claim.NowUtc, cancellationToken);
        if (claim.Capacity is int capacity
            && await connection.ExecuteScalarAsync<int>(new CommandDefinition(openSql, new { claim.EngineerId }, transaction, cancellationToken: cancellationToken)) >= capacity)
        {
            await transaction.RollbackAsync(cancellationToken);
            return ClaimOutcome.EngineerFull;
        }

        var rows = await connection.ExecuteAsync(new CommandDefinition(
            claimSql,
            new { claim.TicketId, claim.EngineerId, Routing = TicketRoutingColumns.Serialize(claim.Routing), Now = claim.NowUtc },
            transaction,
            cancellationToken: cancellationToken));
        if (rows == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return ClaimOutcome.Gone;
        }

        await TicketStore.InsertAuditAsync(connection, transaction, claim.TicketId, null, [new AuditChange("routing", null, claim.Routing.Summary)], claim.NowUtc, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return ClaimOutcome.Claimed;
    }

    public async Task<IReadOnlyList<QueueDepth>> ListQueueDepthsAsync(CancellationToken cancellationToken = default)
    {
        // How long a ticket has waited counts from when it entered its queue, which for an escalated or handed-back
        // ticket is long after it was filed.
        const string sql = """
            SELECT d.Queue, d.Waiting, d.OldestQueuedUtc, d.EarliestDueUtc,
                   (SELECT MIN(o.Id) FROM Tickets o WHERE o.Queue = d.Queue AND COALESCE(o.QueuedUtc, o.CreatedUtc) = d.OldestQueuedUtc) AS OldestTicketId
            FROM (
                SELECT t.Queue, COUNT(*) AS Waiting, MIN(COALESCE(t.QueuedUtc, t.CreatedUtc)) AS OldestQueuedUtc, MIN(t.QueueDueUtc) AS EarliestDueUtc
                FROM Tickets t
                WHERE t.Queue IS NOT NULL
                GROUP BY t.Queue
            ) d
            ORDER BY d.Queue
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<DepthRow>(new CommandDefinition(sql, cancellationToken: cancellationToken));
        return rows
            .Select(r => new QueueDepth(r.Queue, r.Waiting, r.OldestQueuedUtc, TicketRoutingColumns.FromQueueDue(r.EarliestDueUtc), r.OldestTicketId))
            .ToList();
    }

    public async Task<IReadOnlyList<EngineerWorkload>> ListWorkloadAsync(CancellationToken cancellationToken = default)
    {
        var loads = await ReadLoadsAsync(WorkloadSql, cancellationToken);
        var profiles = await ProfilesAsync(loads.Keys, cancellationToken);
        return profiles
            .Where(p => loads.ContainsKey(p.UserId))
            .Select(p =>
            {
                var load = loads[p.UserId];
                return new EngineerWorkload(p with { LastAssignedUtc = load.LastAssignedUtc }, load.OpenTickets, load.AtRisk, load.Breached);
            })
            .ToList();
    }

    /// <summary>
    /// Every profile, by name, from the cache when it holds the same engineers as the fresh read: a profile made on
    /// another node shows up at once, not after the cache's lifetime.
    /// </summary>
    private async Task<IReadOnlyList<EngineerProfile>> ProfilesAsync(IReadOnlyCollection<int> engineers, CancellationToken cancellationToken)
    {
        if (cache is null)
        {
            return await LoadProfilesAsync(cancellationToken);
        }

        var profiles = await cache.GetAsync(() => LoadProfilesAsync(cancellationToken));
        if (profiles.Count != engineers.Count || profiles.Any(p => !engineers.Contains(p.UserId)))
        {
            cache.Invalidate();
            profiles = await cache.GetAsync(() => LoadProfilesAsync(cancellationToken));
        }

        return profiles;
    }

    private async Task<Dictionary<int, LoadRow>> ReadLoadsAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<LoadRow>(new CommandDefinition(sql, cancellationToken: cancellationToken));
        return rows.ToDictionary(l => l.UserId);
    }

    private async Task<IReadOnlyList<EngineerProfile>> LoadProfilesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var results = await connection.QueryMultipleAsync(new CommandDefinition(EngineerRows.SelectAll, cancellationToken: cancellationToken));
        return await EngineerRows.ReadAsync(results);
    }

    private sealed record LoadRow
    {
        public int UserId { get; init; }
        public DateTime? LastAssignedUtc { get; init; }
        public int OpenTickets { get; init; }
        public int AtRisk { get; init; }
        public int Breached { get; init; }
    }

    private sealed record DepthRow
    {
        public string Queue { get; init; } = "";
        public int Waiting { get; init; }
        public DateTime OldestQueuedUtc { get; init; }
        public DateTime EarliestDueUtc { get; init; }
        public int? OldestTicketId { get; init; }
    }
}
