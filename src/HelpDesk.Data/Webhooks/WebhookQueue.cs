using System.Data.Common;
using Dapper;
using HelpDesk.Core.Tickets;
using HelpDesk.Core.Webhooks;
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
            var webhookEvent = WebhookPayloads.ForTicket(change, facts, published, nowUtc);
            foreach (var subscription in subscriptions.Where(s => WebhookEvents.Matches(s.Events, change.Type)))
            {
                await InsertAsync(connection, transaction, dialect, subscription.Id, webhookEvent, cancellationToken);
                rows++;
            }
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
