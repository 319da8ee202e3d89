using System.Data.Common;
using Dapper;
using HelpDesk.Core.Attachments;
using HelpDesk.Core.Mail;
using HelpDesk.Core.Routing;
using HelpDesk.Core.Tickets;
using HelpDesk.Core.Webhooks;
using HelpDesk.Data.Attachments;
using HelpDesk.Data.Infrastructure;
using HelpDesk.Data.Mail;
using HelpDesk.Data.Routing;
using HelpDesk.Data.Webhooks;

namespace HelpDesk.Data.Tickets;

public sealed partial class TicketStore(IDbConnectionFactory connections, AttachmentStore attachments, OutboxStore outbox, IWebhookSignal webhooks) : ITicketStore
{
    private const string SelectTicket = $$"""
        SELECT t.Id, t.OrganisationId, t.RequesterId, t.Subject, t.Channel, t.Product, t.ProductRelease, t.Environment,
               t.Category, t.Severity, t.Status, t.AssigneeId, t.CreatedUtc, t.UpdatedUtc, t.FirstResponseUtc,
               t.ResolvedUtc, t.ClosedUtc, t.Resolutions, t.Version, t.ModifiedSource, t.FirstResponseDueUtc, t.ResolveDueUtc,
               t.FirstResponseAtRiskUtc, t.ResolveAtRiskUtc, t.FirstResponseMet, t.ResolveMet, t.SlaState, t.SlaPausedUtc,
               t.SlaCheckUtc, t.Language, t.Tier, t.Queue, t.TriageReason,
               t.QueuedUtc,
               t.NeedsClassification, t.ClassifiedById, t.ClassifiedUtc, t.DuplicateOfId, t.NotAnIncidentReason,
               (SELECT ci.ContractId FROM ContractIncidents ci WHERE ci.TicketId = t.Id AND ci.ReturnedUtc IS NULL) AS IncidentContractId,
               {{TicketEntitlementColumns.Select}},
               t.Id AS RoutingTicketId, t.Routing AS RoutingJson
        FROM Tickets t
        """;

    public async Task<Ticket> CreateAsync(NewTicket ticket, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var insert = connections.Dialect.InsertReturningId("""
            INSERT INTO Tickets (OrganisationId, RequesterId, Subject, Channel, Product, ProductRelease, Environment, Category,
                                 Severity, Status, AssigneeId, CreatedUtc, UpdatedUtc, FirstResponseUtc, ResolvedUtc, ClosedUtc,
                                 Resolutions, ModifiedSource, Verdict, ContractId, ScopeVersionId, Entitlement, FirstResponseDueUtc,
                                 ResolveDueUtc, OverrideVerdict, OverrideReason, OverriddenById, OverriddenUtc, FirstResponseAtRiskUtc,
                                 ResolveAtRiskUtc, FirstResponseMet, ResolveMet, SlaState, SlaPausedUtc, SlaCheckUtc, Language, Tier,
                                 Queue, QueueDueUtc, Routing, TriageReason, QueuedUtc,
                                 NeedsClassification, IntakeEntitlement, ClassifiedById, ClassifiedUtc, DuplicateOfId, NotAnIncidentReason,
                                 Version)
            VALUES (@OrganisationId, @RequesterId, @Subject, @Channel, @Product, @ProductRelease, @Environment, @Category,
                    @Severity, @Status, @AssigneeId, @CreatedUtc, @UpdatedUtc, @FirstResponseUtc, @ResolvedUtc, @ClosedUtc,
                    @Resolutions, @ModifiedSource, @Verdict, @ContractId, @ScopeVersionId, @Entitlement, @FirstResponseDueUtc,
                    @ResolveDueUtc, @OverrideVerdict, @OverrideReason, @OverriddenById, @OverriddenUtc, @FirstResponseAtRiskUtc,
                    @ResolveAtRiskUtc, @FirstResponseMet, @ResolveMet, @SlaState, @SlaPausedUtc, @SlaCheckUtc, @Language, @Tier,
                    @Queue, @QueueDueUtc, @Routing, @TriageReason, @QueuedUtc,
                    @NeedsClassification, @IntakeEntitlement, @ClassifiedById, @ClassifiedUtc, @DuplicateOfId, @NotAnIncidentReason,
                    1)
            """);

        // The row's values (its decisions as JSON among them) are made here, before the write: writes run one at a time.
        var filed = ticket.Ticket with { QueuedUtc = ticket.Ticket.Queue is null ? null : ticket.NowUtc };
        var columns = Columns(filed);

        // Filed in a transaction shared with the tickets filed at the same moment, each undone alone when it fails (see
        // IDbConnectionFactory.WriteAsync); the caller is answered after the commit.
        var (saved, queued) = await connections.WriteAsync(
            (connection, transaction, ct) => WriteNewAsync(connection, transaction, insert, ticket, filed, columns, ct), cancellationToken);
        WebhookQueue.Announce(webhooks, queued);
        return saved;
    }

    private async Task<(Ticket Saved, int Queued)> WriteNewAsync(
        DbConnection connection, DbTransaction transaction, string insert, NewTicket ticket, Ticket filed, object columns, CancellationToken cancellationToken)
    {
        // The assignee's profile row before the ticket's, the order every write that assigns takes (see RoutingStore.ClaimAsync).
        // The router chose the engineer from loads read before this transaction: it still holds a place only if tickets
        // filed meanwhile did not fill them.
        if (ticket.Ticket.AssigneeId is int assigneeId)
        {
            if (ticket.Ticket.Routing is { Outcome: RoutingOutcome.Assigned } routed && routed.AssigneeId == assigneeId)
            {
                if (!await EngineerRows.TryMarkAssignedAsync(connection, transaction, assigneeId, ticket.NowUtc, cancellationToken))
                {
                    throw new AssigneeAtCapacityException(assigneeId);
                }
            }
            else
            {
                await EngineerRows.MarkAssignedAsync(connection, transaction, assigneeId, ticket.NowUtc, cancellationToken);
            }
        }

        var id = (int)await SqliteRowStatement.ScalarAsync(connection, transaction, insert, columns, cancellationToken);
        var saved = filed with { Id = id, Version = 1, IncidentContractId = await TakeIncidentAsync(connection, transaction, ticket, id, cancellationToken) };

        var messageId = await InsertMessageAsync(connection, transaction, id, ticket.FirstMessage, ticket.NowUtc, cancellationToken);
        await AddReceivedAsync(connection, transaction, ticket.Received, id, messageId, ticket.NowUtc, cancellationToken);
        await RequestKeyRows.InsertAsync(connection, transaction, ticket.Key, id, messageId, ticket.NowUtc, cancellationToken);

        await attachments.AddAsync(connection, transaction, id, messageId, ticket.Attachments, ticket.NowUtc, cancellationToken);
        // The intake wrote the notes and the router made its decision, not the requester: those entries have no actor.
        List<(int? ActorId, AuditChange Change)> audit = [(ticket.FirstMessage.AuthorId, new AuditChange("created", null, saved.Status.ToString()))];
        audit.AddRange(ticket.Notes.Select(note => ((int?)null, note)));
        if (saved.Routing is { } routing)
        {
            audit.Add((null, new AuditChange(TicketRouting.AuditField, null, routing.Summary)));
        }

        await InsertAuditAsync(connection, transaction, id, audit, ticket.NowUtc, cancellationToken);

        foreach (var mail in ticket.Mail(saved))
        {
            await outbox.EnqueueAsync(connection, transaction, mail, ticket.NowUtc, cancellationToken);
        }

        var listeners = await WebhookQueue.ListenersAsync(connection, transaction, cancellationToken);
        var queued = await WebhookQueue.QueueTicketAsync(
            connection, transaction, connections.Dialect, listeners, null, saved, null, null, ticket.NowUtc, cancellationToken);
        await MailAllowanceRows.TakeAsync(connection, transaction, ticket.Received?.Allowance, cancellationToken);
        return (saved, queued);
    }

    public async Task<Ticket?> UpdateAsync(TicketUpdate update, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(update);
        const string sql = """
            UPDATE Tickets
            SET Subject = @Subject, Product = @Product, ProductRelease = @ProductRelease, Environment = @Environment,
                Category = @Category, Severity = @Severity, Status = @Status, AssigneeId = @AssigneeId,
                UpdatedUtc = @UpdatedUtc, FirstResponseUtc = @FirstResponseUtc, ResolvedUtc = @ResolvedUtc,
                ClosedUtc = @ClosedUtc, Resolutions = @Resolutions, ModifiedSource = @ModifiedSource, Verdict = @Verdict,
                ContractId = @ContractId, ScopeVersionId = @ScopeVersionId, Entitlement = @Entitlement,
                FirstResponseDueUtc = @FirstResponseDueUtc, ResolveDueUtc = @ResolveDueUtc, OverrideVerdict = @OverrideVerdict,
                OverrideReason = @OverrideReason, OverriddenById = @OverriddenById, OverriddenUtc = @OverriddenUtc,
                FirstResponseAtRiskUtc = @FirstResponseAtRiskUtc, ResolveAtRiskUtc = @ResolveAtRiskUtc,
                FirstResponseMet = @FirstResponseMet, ResolveMet = @ResolveMet, SlaState = @SlaState,
                SlaPausedUtc = @SlaPausedUtc, SlaCheckUtc = @SlaCheckUtc, Language = @Language, Tier = @Tier, Queue = @Queue,
                QueueDueUtc = @QueueDueUtc, Routing = @Routing, TriageReason = @TriageReason,
                NeedsClassification = @NeedsClassification, IntakeEntitlement = @IntakeEntitlement, ClassifiedById = @ClassifiedById,
                ClassifiedUtc = @ClassifiedUtc, DuplicateOfId = @DuplicateOfId, NotAnIncidentReason = @NotAnIncidentReason,
                QueuedUtc = @QueuedUtc, Version = Version + 1
            WHERE Id = @Id AND Version = @Version
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // The assignee and queue before the change, read under the write's transaction: a stale version rolls it all
        // back. A ticket put into a queue it was not in has waited there since now; one that stays keeps its time.
        var before = await connection.QuerySingleOrDefaultAsync<BeforeRow>(new CommandDefinition(
            "SELECT AssigneeId, Queue, QueuedUtc FROM Tickets WHERE Id = @Id", new { update.Ticket.Id }, transaction, cancellationToken: cancellationToken));
        var ticket = update.Ticket with
        {
            QueuedUtc = update.Ticket.Queue is null ? null
                : before is not null && before.Queue == update.Ticket.Queue ? before.QueuedUtc ?? update.NowUtc
                : update.NowUtc,
        };
        var previousAssignee = before?.AssigneeId;

        // The ticket as it was, for the events the change raises; read only when someone listens.
        var listeners = await WebhookQueue.ListenersAsync(connection, transaction, cancellationToken);
        var previous = listeners.Count == 0 ? null : await ReadAsync(connection, transaction, ticket.Id, cancellationToken);

        // The new assignee's profile row before the ticket's, as in CreateAsync.
        if (ticket.AssigneeId is int assigneeId && assigneeId != previousAssignee)
        {
            await EngineerRows.MarkAssignedAsync(connection, transaction, assigneeId, update.NowUtc, cancellationToken);
        }

        var rows = await connection.ExecuteAsync(new CommandDefinition(sql, Columns(ticket), transaction, cancellationToken: cancellationToken));
        if (rows == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return null;
        }

        int? messageId = null;
        if (update.Message is { } message)
        {
            messageId = await InsertMessageAsync(connection, transaction, ticket.Id, message, update.NowUtc, cancellationToken);
            await attachments.AddAsync(connection, transaction, ticket.Id, messageId.Value, update.Attachments, update.NowUtc, cancellationToken);
        }

        await AddReceivedAsync(connection, transaction, update.Received, ticket.Id, messageId, update.NowUtc, cancellationToken);
        await RequestKeyRows.InsertAsync(connection, transaction, update.Key, ticket.Id, messageId, update.NowUtc, cancellationToken);

        var holds = await MoveIncidentAsync(connection, transaction, update, cancellationToken);
        await InsertAuditAsync(connection, transaction, ticket.Id, update.ActorId, update.Changes, update.NowUtc, cancellationToken);
        foreach (var related in update.Related)
        {
            await InsertAuditAsync(connection, transaction, related.TicketId, update.ActorId, [related.Change], update.NowUtc, cancellationToken);
        }

        await GivenUpRows.InsertAsync(connection, transaction, ticket.Id, update.GivenUp, update.NowUtc, cancellationToken);
        foreach (var mail in update.Mail)
        {
            await outbox.EnqueueAsync(connection, transaction, mail, update.NowUtc, cancellationToken);
        }

        if (update.NpsAsk is { } ask)
        {
            await Economics.NpsStore.InsertAskAsync(connection, transaction, connections.Dialect, ask, cancellationToken);
        }

        var updated = ticket with { Version = ticket.Version + 1, IncidentContractId = holds };
        var queued = previous is null
            ? 0
            : await WebhookQueue.QueueTicketAsync(
                connection, transaction, connections.Dialect, listeners, previous, updated, update.Message, messageId, update.NowUtc, cancellationToken);

        // A full count throws here and the change is rolled back as the transaction is disposed.
        await MailAllowanceRows.TakeAsync(connection, transaction, update.Received?.Allowance, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        WebhookQueue.Announce(webhooks, queued);
        return updated;
    }

    public async Task<Ticket?> GetAsync(int id, TicketScope scope, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var sql = scope.OrganisationId is null
            ? $"""
              {SelectTicket}
              WHERE t.Id = @Id
              """
            : $"""
              {SelectTicket}
              WHERE t.Id = @Id AND t.OrganisationId = @OrganisationId
              """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await QueryTicketAsync(connection, null, sql, new { Id = id, scope.OrganisationId }, cancellationToken);
    }

    private static async Task<Ticket?> QueryTicketAsync(DbConnection connection, DbTransaction? transaction, string sql, object args, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<Ticket, TicketEntitlementColumns, TicketRoutingColumns, Ticket>(
            new CommandDefinition(sql, args, transaction, cancellationToken: cancellationToken),
            (ticket, entitlement, routing) => routing.ApplyTo(entitlement.ApplyTo(ticket)),
            splitOn: $"{nameof(TicketEntitlementColumns.TicketId)},{nameof(TicketRoutingColumns.RoutingTicketId)}");
        return rows.SingleOrDefault();
    }

    public async Task<TicketPage> ListAsync(TicketQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var words = TicketListSql.WordsOf(query);
        if (words is { Count: 0 })
        {
            return new TicketPage([], null);
        }

        await using var connection = await connections.OpenAsync(cancellationToken);

        // A search whose words match few tickets reads and sorts those; one matching many reads the list's index,
        // keeping the rows among its newest matches and checking older rows one by one when the index names every
        // word whole, else gathering every match first.
        IReadOnlyList<long>? matches = null;
        string? search = null;
        var olderChecked = false;
        if (words is not null)
        {
            // The tickets logged for the index since it was last written are indexed first (see TicketSearchIndex).
            await TicketSearchIndex.CatchUpForSearchAsync(connections, connection, cancellationToken);
            var terms = await TicketSearchTokens.OfAsync(connection, connections.Dialect, words, cancellationToken);
            if (terms is null)
            {
                return new TicketPage([], null);
            }

            var whole = terms.All(t => t.Tokens is not null);
            search = connections.Dialect.TicketSearchQuery(terms, query.Scope.IncludeInternal);
            var found = (await connection.QueryAsync<long>(TicketListSql.MatchesOf(search, query.Scope, connections.Dialect, newestFirst: whole, cancellationToken))).AsList();
            olderChecked = found.Count > TicketListSql.FewMatches && whole;
            matches = found.Count <= TicketListSql.FewMatches || olderChecked ? found : null;
        }

        var command = TicketListSql.Build(query, connections.Dialect, matches, search, olderChecked, cancellationToken)!.Value;
        var rows = (await connection.QueryAsync<TicketSummary>(command))
            .Select(r => r.NextDueUtc is { } due ? r with { NextDueUtc = TicketRoutingColumns.FromQueueDue(due) } : r)
            .ToList();
        if (rows.Count <= query.Take)
        {
            return new TicketPage(rows, null);
        }

        rows.RemoveAt(rows.Count - 1);
        return new TicketPage(rows, TicketCursor.After(rows[^1], query.Sort).Encode());
    }

    public async Task<IReadOnlyList<TicketMessage>> ListMessagesAsync(int ticketId, TicketScope scope, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        const string select = """
            SELECT m.Id, m.TicketId, m.AuthorId, COALESCE(u.DisplayName, 'HelpDesk') AS AuthorName, m.Kind, m.BodyText,
                   m.BodyHtml, m.CreatedUtc
            FROM TicketMessages m
            JOIN Tickets t ON t.Id = m.TicketId
            LEFT JOIN Users u ON u.Id = m.AuthorId
            """;
        var sql = scope.OrganisationId is null
            ? $"""
              {select}
              WHERE m.TicketId = @TicketId
              ORDER BY m.Id
              """
            : $"""
              {select}
              WHERE m.TicketId = @TicketId AND t.OrganisationId = @OrganisationId AND m.Kind = 'Reply'
              ORDER BY m.Id
              """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<TicketMessage>(new CommandDefinition(
            sql, new { TicketId = ticketId, scope.OrganisationId }, cancellationToken: cancellationToken));
        return rows.AsList();
    }

    public async Task<IReadOnlyList<TicketAuditEntry>> ListAuditAsync(int ticketId, CancellationToken cancellationToken = default)
    {
        const string sql = """
            SELECT e.Id, e.TicketId, e.ActorId, COALESCE(u.DisplayName, 'HelpDesk') AS ActorName, e.Field, e.OldValue,
                   e.NewValue, e.CreatedUtc
            FROM TicketAudit e
            LEFT JOIN Users u ON u.Id = e.ActorId
            WHERE e.TicketId = @TicketId
            ORDER BY e.Id
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<TicketAuditEntry>(new CommandDefinition(sql, new { TicketId = ticketId }, cancellationToken: cancellationToken));
        return rows.AsList();
    }

    public async Task<IReadOnlyList<TimeEntry>> ListTimeAsync(int ticketId, CancellationToken cancellationToken = default)
    {
        const string sql = """
            SELECT e.Id, e.TicketId, e.EngineerId, u.DisplayName AS EngineerName, e.Minutes, e.WorkDate, e.Note, e.Billable,
                   e.CreatedUtc
            FROM TimeEntries e
            JOIN Users u ON u.Id = e.EngineerId
            WHERE e.TicketId = @TicketId
            ORDER BY e.WorkDate, e.Id
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<TimeEntry>(new CommandDefinition(sql, new { TicketId = ticketId }, cancellationToken: cancellationToken));
        return rows.AsList();
    }

    public async Task<TimeEntry> AddTimeAsync(TimeEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var sql = connections.Dialect.InsertReturningId("""
            INSERT INTO TimeEntries (TicketId, EngineerId, Minutes, WorkDate, Note, Billable, CreatedUtc)
            VALUES (@TicketId, @EngineerId, @Minutes, @WorkDate, @Note, @Billable, @CreatedUtc)
            """);
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var id = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            sql,
            new { entry.TicketId, entry.EngineerId, entry.Minutes, entry.WorkDate, entry.Note, entry.Billable, entry.CreatedUtc },
            transaction,
            cancellationToken: cancellationToken));
        var described = $"{entry.Minutes} min on {entry.WorkDate}{(entry.Billable ? "" : ", not billable")}";
        await InsertAuditAsync(connection, transaction, entry.TicketId, entry.EngineerId, [new AuditChange("time", null, described)], entry.CreatedUtc, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return entry with { Id = id };
    }

    public async Task<bool> AddRatingAsync(TicketRating rating, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rating);
        const string sql = """
            INSERT INTO TicketRatings (TicketId, Resolution, RaterId, Score, Comment, CreatedUtc)
            VALUES (@TicketId, @Resolution, @RaterId, @Score, @Comment, @CreatedUtc)
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(sql, rating, cancellationToken: cancellationToken));
            return true;
        }
        catch (DbException ex) when (DbErrors.IsUniqueViolation(ex))
        {
            return false;
        }
    }

    public async Task<TicketRating?> GetRatingAsync(int ticketId, int resolution, TicketScope scope, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        const string select = """
            SELECT g.TicketId, g.Resolution, g.RaterId, g.Score, g.Comment, g.CreatedUtc
            FROM TicketRatings g
            JOIN Tickets t ON t.Id = g.TicketId
            """;
        var sql = scope.OrganisationId is null
            ? $"""
              {select}
              WHERE g.TicketId = @TicketId AND g.Resolution = @Resolution
              """
            : $"""
              {select}
              WHERE g.TicketId = @TicketId AND g.Resolution = @Resolution AND t.OrganisationId = @OrganisationId
              """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<TicketRating>(new CommandDefinition(
            sql, new { TicketId = ticketId, Resolution = resolution, scope.OrganisationId }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<int>> ListResolvedBeforeAsync(DateTime resolvedBeforeUtc, int take, CancellationToken cancellationToken = default)
    {
        var sql = $"""
            SELECT t.Id FROM Tickets t
            WHERE t.Status = 'Resolved' AND t.ResolvedUtc < @Cutoff
            ORDER BY t.ResolvedUtc, t.Id
            {connections.Dialect.TopClause}
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        var ids = await connection.QueryAsync<int>(new CommandDefinition(sql, new { Cutoff = resolvedBeforeUtc, Take = take }, cancellationToken: cancellationToken));
        return ids.AsList();
    }

    public async Task<IReadOnlyList<int>> ListSlaChecksDueAsync(DateTime nowUtc, int take, CancellationToken cancellationToken = default)
    {
        var sql = $"""
            SELECT t.Id FROM Tickets t
            WHERE t.SlaCheckUtc IS NOT NULL AND t.SlaCheckUtc <= @Now
            ORDER BY t.SlaCheckUtc, t.Id
            {connections.Dialect.TopClause}
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        var ids = await connection.QueryAsync<int>(new CommandDefinition(sql, new { Now = nowUtc, Take = take }, cancellationToken: cancellationToken));
        return ids.AsList();
    }

    /// <summary>
    /// Records the received message a ticket or reply comes from, linked to the message it became, and keeps its
    /// Message-ID for threading. A message recorded before rolls the whole change back and is reported as
    /// <see cref="DuplicateMailException"/>.
    /// </summary>
    private async Task AddReceivedAsync(
        DbConnection connection, DbTransaction transaction, ReceivedMail? received, int ticketId, int? ticketMessageId, DateTime nowUtc, CancellationToken cancellationToken)
    {
        if (received is null)
        {
            return;
        }

        // A message recorded before throws DuplicateMailException; the transaction around the write (or its savepoint, in
        // a group commit) is rolled back as the exception leaves it, with the ticket and message written before it.
        await InboundRows.InsertAsync(connection, transaction, connections.Dialect, received, ticketId, ticketMessageId, cancellationToken);
        await InboundRows.AddThreadIdAsync(connection, transaction, received, ticketId, nowUtc, cancellationToken);
    }

    private async Task<int> InsertMessageAsync(DbConnection connection, DbTransaction transaction, int ticketId, NewMessage message, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var sql = connections.Dialect.InsertReturningId("""
            INSERT INTO TicketMessages (TicketId, AuthorId, Kind, BodyText, BodyHtml, CreatedUtc)
            VALUES (@TicketId, @AuthorId, @Kind, @BodyText, @BodyHtml, @CreatedUtc)
            """);
        return (int)await SqliteRowStatement.ScalarAsync(
            connection,
            transaction,
            sql,
            new
            {
                TicketId = ticketId,
                message.AuthorId,
                Kind = message.Kind.ToString(),
                BodyText = message.Body.Text,
                BodyHtml = message.Body.Html,
                CreatedUtc = nowUtc,
            },
            cancellationToken);
    }

    internal static Task InsertAuditAsync(DbConnection connection, DbTransaction transaction, int ticketId, int? actorId, IReadOnlyList<AuditChange> changes, DateTime nowUtc, CancellationToken cancellationToken) =>
        InsertAuditAsync(connection, transaction, ticketId, changes.Select(c => (actorId, c)), nowUtc, cancellationToken);

    /// <summary>Entries by several actors in one call: one statement, run once per entry.</summary>
    private static async Task InsertAuditAsync(
        DbConnection connection, DbTransaction transaction, int ticketId, IEnumerable<(int? ActorId, AuditChange Change)> entries, DateTime nowUtc, CancellationToken cancellationToken)
    {
        const string sql = """
            INSERT INTO TicketAudit (TicketId, ActorId, Field, OldValue, NewValue, CreatedUtc)
            VALUES (@TicketId, @ActorId, @Field, @OldValue, @NewValue, @CreatedUtc)
            """;
        foreach (var (actorId, change) in entries)
        {
            var row = new
            {
                TicketId = ticketId,
                ActorId = actorId,
                change.Field,
                OldValue = Clip(change.OldValue),
                NewValue = Clip(change.NewValue),
                CreatedUtc = nowUtc,
            };
            await SqliteRowStatement.ExecuteAsync(connection, transaction, sql, row, cancellationToken);
        }
    }

    private static Task<Ticket?> ReadAsync(DbConnection connection, DbTransaction transaction, int id, CancellationToken cancellationToken)
    {
        const string sql = $"""
            {SelectTicket}
            WHERE t.Id = @Id
            """;
        return QueryTicketAsync(connection, transaction, sql, new { Id = id }, cancellationToken);
    }

    /// <summary>After the commit: the sender may go at once rather than at its next run.</summary>
    private static string? Clip(string? value) => value is { Length: > 400 } ? value[..400] : value;

    // Enums are stored as their names, never as numbers: Dapper would send the number by default.
    private static object Columns(Ticket ticket) => new
    {
        ticket.Id,
        ticket.OrganisationId,
        ticket.RequesterId,
        ticket.Subject,
        Channel = ticket.Channel.ToString(),
        ticket.Product,
        ticket.ProductRelease,
        ticket.Environment,
        ticket.Category,
        Severity = (int)ticket.Severity,
        Status = ticket.Status.ToString(),
        ticket.AssigneeId,
        ticket.CreatedUtc,
        ticket.UpdatedUtc,
        ticket.FirstResponseUtc,
        ticket.ResolvedUtc,
        ticket.ClosedUtc,
        ticket.Resolutions,
        ticket.ModifiedSource,
        // The verdict, contract and scope of the decision in force, copied out of the JSON for queries.
        Verdict = ticket.Entitlement?.Verdict.ToString(),
        ticket.Entitlement?.ContractId,
        ScopeVersionId = ticket.Entitlement?.ScopeId,
        Entitlement = TicketEntitlementColumns.Serialize(ticket.Entitlement),
        ticket.FirstResponseDueUtc,
        ticket.ResolveDueUtc,
        OverrideVerdict = ticket.Override?.Verdict.ToString(),
        OverrideReason = ticket.Override?.Reason,
        OverriddenById = ticket.Override?.ById,
        OverriddenUtc = ticket.Override?.AtUtc,
        ticket.FirstResponseAtRiskUtc,
        ticket.ResolveAtRiskUtc,
        ticket.FirstResponseMet,
        ticket.ResolveMet,
        SlaState = ticket.SlaState.ToString(),
        ticket.SlaPausedUtc,
        ticket.SlaCheckUtc,
        ticket.Language,
        ticket.Tier,
        ticket.Queue,
        QueueDueUtc = TicketRoutingColumns.QueueDue(ticket),
        Routing = TicketRoutingColumns.Serialize(ticket.Routing),
        ticket.TriageReason,
        ticket.NeedsClassification,
        IntakeEntitlement = TicketEntitlementColumns.Serialize(ticket.IntakeEntitlement),
        ticket.ClassifiedById,
        ticket.ClassifiedUtc,
        ticket.DuplicateOfId,
        ticket.NotAnIncidentReason,
        ticket.QueuedUtc,
        ticket.Version,
    };

    private sealed record BeforeRow
    {
        public int? AssigneeId { get; init; }
        public string? Queue { get; init; }
        public DateTime? QueuedUtc { get; init; }
    }
}
