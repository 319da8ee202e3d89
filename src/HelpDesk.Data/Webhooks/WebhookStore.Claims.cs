using Dapper;
using HelpDesk.Core.Webhooks;

namespace HelpDesk.Data.Webhooks;

public sealed partial class WebhookStore
{
    // Due: waiting and its time has come, or claimed by a sender that never finished. The same words with and without
    // the table's alias, since an UPDATE names no alias on both engines alike.
    private const string DueAliased = """
        ((d.Status = 'Pending' AND d.NextAttemptUtc <= @NowUtc) OR (d.Status = 'Sending' AND d.ClaimedUntilUtc <= @NowUtc))
        """;

    private const string Due = """
        ((Status = 'Pending' AND NextAttemptUtc <= @NowUtc) OR (Status = 'Sending' AND ClaimedUntilUtc <= @NowUtc))
        """;

    // A ticket's events reach a subscription in order: one waits while an earlier one of its ticket is still on its way.
    private const string InTurn = """
        NOT EXISTS (SELECT 1 FROM WebhookDeliveries e
                    WHERE e.SubscriptionId = d.SubscriptionId AND e.TicketId = d.TicketId AND e.Id < d.Id
                      AND e.Status IN ('Pending', 'Sending'))
        """;

    public async Task<IReadOnlyList<WebhookSend>> ClaimDueAsync(DateTime nowUtc, DateTime claimedUntilUtc, int take, int? onlyId = null, CancellationToken cancellationToken = default)
    {
        if (take <= 0)
        {
            return [];
        }

        // A delivery asked for by hand (a ping, a redelivery) goes even to a paused subscription: the admin is testing it.
        var which = onlyId is null
            ? "EXISTS (SELECT 1 FROM WebhookSubscriptions s WHERE s.Id = d.SubscriptionId AND s.State = 'Active')"
            : "d.Id = @OnlyId";
        var candidatesSql = $"""
            SELECT d.Id FROM WebhookDeliveries d
            WHERE {DueAliased} AND {which} AND {InTurn}
            ORDER BY d.NextAttemptUtc, d.Id
            {connections.Dialect.TopClause}
            """;

        // The condition again: another sender may have claimed the delivery since it was read, and then this matches no row.
        const string claimSql = $"""
            UPDATE WebhookDeliveries
            SET Status = 'Sending', ClaimedUntilUtc = @ClaimedUntilUtc, Attempts = Attempts + 1
            WHERE Id = @Id AND {Due}
            """;
        const string selectClaimedSql = $"""
            {SelectDelivery}
            WHERE d.Id = @Id
            """;
        const string subscriptionSql = "SELECT Url, Secret FROM WebhookSubscriptions WHERE Id = @Id";

        await using var connection = await connections.OpenAsync(cancellationToken);
        var candidates = (await connection.QueryAsync<int>(new CommandDefinition(
            candidatesSql, new { NowUtc = nowUtc, Take = take, OnlyId = onlyId }, cancellationToken: cancellationToken))).AsList();
        var won = new List<WebhookSend>();
        foreach (var id in candidates)
        {
            var rows = await connection.ExecuteAsync(new CommandDefinition(
                claimSql, new { Id = id, NowUtc = nowUtc, ClaimedUntilUtc = claimedUntilUtc }, cancellationToken: cancellationToken));
            if (rows != 1)
            {
                continue;
            }

            var delivery = (await connection.QuerySingleAsync<DeliveryRow>(new CommandDefinition(selectClaimedSql, new { Id = id }, cancellationToken: cancellationToken))).ToDelivery();
            var target = await connection.QuerySingleAsync<Target>(new CommandDefinition(subscriptionSql, new { Id = delivery.SubscriptionId }, cancellationToken: cancellationToken));
            won.Add(new WebhookSend(delivery, target.Url, target.Secret));
        }

        return won;
    }

    public async Task MarkDeliveredAsync(int deliveryId, int statusCode, string response, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        const string deliverySql = """
            UPDATE WebhookDeliveries
            SET Status = 'Delivered', DeliveredUtc = @NowUtc, LastAttemptUtc = @NowUtc, ClaimedUntilUtc = NULL,
                LastStatusCode = @StatusCode, LastResponse = @Response
            WHERE Id = @Id
            """;
        const string subscriptionSql = """
            UPDATE WebhookSubscriptions
            SET FailingSinceUtc = NULL, LastDeliveredUtc = @NowUtc
            WHERE Id = (SELECT SubscriptionId FROM WebhookDeliveries WHERE Id = @Id)
            """;
        var args = new { Id = deliveryId, NowUtc = nowUtc, StatusCode = statusCode, Response = response };
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(deliverySql, args, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(subscriptionSql, args, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<WebhookSubscription?> MarkFailedAsync(int deliveryId, int? statusCode, string response, DateTime? nextAttemptUtc, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        const string deliverySql = """
            UPDATE WebhookDeliveries
            SET Status = CASE WHEN @NextAttemptUtc IS NULL THEN 'Failed' ELSE 'Pending' END,
                NextAttemptUtc = COALESCE(@NextAttemptUtc, NextAttemptUtc), LastAttemptUtc = @NowUtc, ClaimedUntilUtc = NULL,
                LastStatusCode = @StatusCode, LastResponse = @Response
            WHERE Id = @Id
            """;
        const string subscriptionSql = """
            UPDATE WebhookSubscriptions
            SET FailingSinceUtc = COALESCE(FailingSinceUtc, @NowUtc)
            WHERE Id = @SubscriptionId
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var subscriptionId = await connection.ExecuteScalarAsync<int?>(new CommandDefinition(
            "SELECT SubscriptionId FROM WebhookDeliveries WHERE Id = @Id", new { Id = deliveryId }, transaction, cancellationToken: cancellationToken));
        if (subscriptionId is null)
        {
            await transaction.RollbackAsync(cancellationToken);
            return null;
        }

        await connection.ExecuteAsync(new CommandDefinition(
            deliverySql,
            new { Id = deliveryId, NowUtc = nowUtc, NextAttemptUtc = nextAttemptUtc, StatusCode = statusCode, Response = response },
            transaction,
            cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            subscriptionSql, new { SubscriptionId = subscriptionId, NowUtc = nowUtc }, transaction, cancellationToken: cancellationToken));
        var subscription = await GetAsync(connection, transaction, subscriptionId.Value, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return subscription;
    }

    private sealed record Target
    {
        public string Url { get; init; } = "";
        public string Secret { get; init; } = "";
    }
}
