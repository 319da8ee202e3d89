using System.Data.Common;
using Dapper;
using HelpDesk.Core.Offers;
using HelpDesk.Core.Tickets;
using HelpDesk.Core.Webhooks;
using HelpDesk.Data.Contracts;
using HelpDesk.Data.Infrastructure;

namespace HelpDesk.Data.Webhooks;

/// <summary>
/// Queues webhook deliveries inside the transaction of the change that raised the events, so that an event is sent
/// only if its change is saved and is never lost once it is: a row per (event, active subscription asking for it).
/// With no active subscription it costs one small read.
/// </summary>
internal static class WebhookQueue
{
    /// <summary>The active subscriptions and the events each asks for, read in the change's transaction; usually none.</summary>
    public static async Task<IReadOnlyList<Listener>> ListenersAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<(int Id, string Events)>(new CommandDefinition(
            "SELECT Id, Events FROM WebhookSubscriptions WHERE State = 'Active' ORDER BY Id", transaction: transaction, cancellationToken: cancellationToken));
        return rows.Select(r => new Listener(r.Id, ParseEvents(r.Events))).ToList();
    }

    /// <summary>Queues the events of a saved ticket change (<paramref name="before"/> null for a new ticket); returns how many rows.</summary>
    public static async Task<int> QueueTicketAsync(
        DbConnection connection, DbTransaction transaction, SqlDialect dialect, IReadOnlyList<Listener> subscriptions, Ticket? before, Ticket after,
        NewMessage? message, int? messageId, DateTime nowUtc, CancellationToken cancellationToken)
    {
        if (subscriptions.Count == 0)
        {
            return 0;
        }

        var changes = (before is null ? TicketWebhookEvents.ForCreated() : TicketWebhookEvents.ForUpdate(before, after, message))
            .Where(c => subscriptions.Any(s => WebhookEvents.Matches(s.Events, c.Type)))
            .ToList();
        if (changes.Count == 0)
        {
            return 0;
        }

        var facts = await FactsAsync(connection, transaction, after, cancellationToken);
        var published = message is { Kind: MessageKind.Reply } && messageId is int id
            ? new WebhookMessage(id, message.AuthorId, await NameAsync(connection, transaction, message.AuthorId, cancellationToken) ?? "", message.Body.Text, nowUtc)
            : null;
        var rows = 0;
        foreach (var change in changes)
        {
            rows += await InsertForAsync(connection, transaction, dialect, subscriptions, WebhookPayloads.ForTicket(change, facts, published, nowUtc), cancellationToken);
        }

        return rows;
    }

    /// <summary>
    /// Queues the event of an offer as saved, sent, accepted or declined (a withdrawn or expired one raises none);
    /// returns how many rows. The names it carries are read only when someone listens.
    /// </summary>
    public static async Task<int> QueueOfferAsync(DbConnection connection, DbTransaction transaction, SqlDialect dialect, Offer offer, DateTime nowUtc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(offer);
        if (WebhookEvents.ForOffer(offer.Status) is not { } type)
        {
            return 0;
        }

        var listeners = await ListenersAsync(connection, transaction, cancellationToken);
        if (!listeners.Any(s => WebhookEvents.Matches(s.Events, type)))
        {
            return 0;
        }

        const string sql = """
            SELECT o.Code AS OfferingCode, v.Name AS OfferingName, v.Number AS OfferingVersionNumber,
                   (SELECT Name FROM Organisations WHERE Id = @OrganisationId) AS OrganisationName
            FROM OfferingVersions v JOIN Offerings o ON o.Id = v.OfferingId
            WHERE v.Id = @OfferingVersionId
            """;
        var names = await connection.QuerySingleAsync<(string OfferingCode, string OfferingName, int OfferingVersionNumber, string? OrganisationName)>(new CommandDefinition(
            sql, new { offer.OrganisationId, offer.OfferingVersionId }, transaction, cancellationToken: cancellationToken));
        var facts = new OfferWebhookFacts(offer, names.OfferingCode, names.OfferingName, names.OfferingVersionNumber, names.OrganisationName ?? "");
        return await InsertForAsync(connection, transaction, dialect, listeners, WebhookPayloads.ForOffer(type, facts, nowUtc), cancellationToken);
    }

    /// <summary>
    /// Queues <c>contract.changed</c> for the contract as it now stands in the transaction (created, changed, renewed,
    /// cancelled, reinstated or topped up); returns how many rows. The contract is read only when someone listens.
    /// </summary>
    public static async Task<int> QueueContractAsync(DbConnection connection, DbTransaction transaction, SqlDialect dialect, int contractId, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var listeners = await ListenersAsync(connection, transaction, cancellationToken);
        if (!listeners.Any(s => WebhookEvents.Matches(s.Events, WebhookEvents.ContractChanged))
            || await ContractRows.ReadContractAsync(connection, transaction, contractId, cancellationToken) is not { } contract)
        {
            return 0;
        }

        const string sql = """
            SELECT (SELECT Name FROM Organisations WHERE Id = @OrganisationId) AS OrganisationName,
                   (SELECT Code FROM Plans WHERE Id = @PlanId) AS PlanCode,
                   (SELECT Name FROM Plans WHERE Id = @PlanId) AS PlanName,
                   (SELECT COUNT(*) FROM Contracts r WHERE r.RenewsContractId = @Id AND r.Status = 'Active') AS Renewals
            """;
        var names = await connection.QuerySingleAsync<(string? OrganisationName, string? PlanCode, string? PlanName, int Renewals)>(new CommandDefinition(
            sql, new { contract.Id, contract.OrganisationId, contract.PlanId }, transaction, cancellationToken: cancellationToken));
        var facts = new ContractWebhookFacts(contract, names.OrganisationName ?? "", names.PlanCode ?? "", names.PlanName ?? "", names.Renewals > 0);
        return await InsertForAsync(connection, transaction, dialect, listeners, WebhookPayloads.ForContract(facts, nowUtc), cancellationToken);
    }

    /// <summary>Wakes the sender once a change that queued deliveries has committed.</summary>
    public static void Announce(IWebhookSignal? signal, int queued)
    {
        if (queued > 0)
        {
            signal?.Queued();
        }
    }

    /// <summary>Queues one event for each listener asking for its type; returns how many rows.</summary>
    private static async Task<int> InsertForAsync(
        DbConnection connection, DbTransaction transaction, SqlDialect dialect, IReadOnlyList<Listener> listeners, WebhookEvent webhookEvent, CancellationToken cancellationToken)
    {
        var rows = 0;
        foreach (var listener in listeners.Where(s => WebhookEvents.Matches(s.Events, webhookEvent.Type)))
        {
            await InsertAsync(connection, transaction, dialect, listener.Id, webhookEvent, cancellationToken);
            rows++;
        }

        return rows;
    }

    public static Task<int> InsertAsync(DbConnection connection, DbTransaction? transaction, SqlDialect dialect, int subscriptionId, WebhookEvent webhookEvent, CancellationToken cancellationToken)
    {
        var sql = dialect.InsertReturningId("""
            INSERT INTO WebhookDeliveries (SubscriptionId, EventId, EventType, TicketId, Payload, Status, Attempts, CreatedUtc, NextAttemptUtc)
            VALUES (@SubscriptionId, @EventId, @EventType, @TicketId, @Payload, 'Pending', 0, @CreatedUtc, @CreatedUtc)
            """);
        return connection.ExecuteScalarAsync<int>(new CommandDefinition(
            sql,
            new
            {
                SubscriptionId = subscriptionId,
                EventId = webhookEvent.Id.ToString(),
                EventType = webhookEvent.Type,
                webhookEvent.TicketId,
                webhookEvent.Payload,
                CreatedUtc = webhookEvent.OccurredUtc,
            },
            transaction,
            cancellationToken: cancellationToken));
    }

    public static IReadOnlyList<string> ParseEvents(string stored) =>
        stored.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static async Task<TicketWebhookFacts> FactsAsync(DbConnection connection, DbTransaction transaction, Ticket ticket, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT (SELECT Name FROM Organisations WHERE Id = @OrganisationId) AS Organisation,
                   (SELECT DisplayName FROM Users WHERE Id = @RequesterId) AS Requester,
                   (SELECT DisplayName FROM Users WHERE Id = @AssigneeId) AS Assignee
            """;
        var names = await connection.QuerySingleAsync<(string? Organisation, string? Requester, string? Assignee)>(new CommandDefinition(
            sql, new { ticket.OrganisationId, ticket.RequesterId, ticket.AssigneeId }, transaction, cancellationToken: cancellationToken));
        return new TicketWebhookFacts(ticket, names.Organisation ?? "", names.Requester ?? "", names.Assignee);
    }

    private static Task<string?> NameAsync(DbConnection connection, DbTransaction transaction, int? userId, CancellationToken cancellationToken) =>
        userId is null
            ? Task.FromResult<string?>(null)
            : connection.ExecuteScalarAsync<string?>(new CommandDefinition(
                "SELECT DisplayName FROM Users WHERE Id = @Id", new { Id = userId }, transaction, cancellationToken: cancellationToken));

    /// <summary>An active subscription and the events it asks for.</summary>
    public sealed record Listener(int Id, IReadOnlyList<string> Events);
}
