using Dapper;
using HelpDesk.Core.Mail;
using HelpDesk.Core.Webhooks;
using HelpDesk.Data.Infrastructure;
using HelpDesk.Data.Mail;

namespace HelpDesk.Data.Webhooks;

/// <summary>
/// Webhook subscriptions and the webhook outbox. Deliveries are queued by the stores that save changes, inside their
/// transaction (<see cref="WebhookQueue"/>); this store claims them for a sender as <see cref="OutboxStore"/> does mail.
/// </summary>
public sealed partial class WebhookStore(IDbConnectionFactory connections, OutboxStore outbox) : IWebhookStore
{
    private const string SelectSubscription = """
        SELECT Id, Url, Description, Events, Secret AS ProtectedSecret, State, PausedReason, PausedUtc, FailingSinceUtc,
               LastDeliveredUtc, CreatedUtc, Version
        FROM WebhookSubscriptions
        """;

    private const string SelectDelivery = """
        SELECT d.Id, d.SubscriptionId, d.EventId, d.EventType, d.TicketId, d.Payload, d.Status, d.Attempts, d.CreatedUtc,
               d.NextAttemptUtc, d.LastAttemptUtc, d.DeliveredUtc, d.LastStatusCode, d.LastResponse
        FROM WebhookDeliveries d
        """;

    public async Task<IReadOnlyList<WebhookSubscription>> ListAsync(CancellationToken cancellationToken = default)
    {
        const string sql = $"""
            {SelectSubscription}
            ORDER BY Id
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<SubscriptionRow>(new CommandDefinition(sql, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToSubscription()).ToList();
    }

    public async Task<WebhookSubscription?> GetAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await GetAsync(connection, null, id, cancellationToken);
    }

    public async Task<WebhookSubscription> CreateAsync(WebhookSubscription subscription, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        var sql = connections.Dialect.InsertReturningId("""
            INSERT INTO WebhookSubscriptions (Url, Description, Events, Secret, State, PausedReason, PausedUtc, CreatedUtc, UpdatedUtc, Version)
            VALUES (@Url, @Description, @Events, @Secret, @State, @PausedReason, @PausedUtc, @CreatedUtc, @CreatedUtc, 1)
            """);
        await using var connection = await connections.OpenAsync(cancellationToken);
        var id = await connection.ExecuteScalarAsync<int>(new CommandDefinition(sql, Columns(subscription), cancellationToken: cancellationToken));
        return subscription with { Id = id, Version = 1 };
    }

    public async Task<WebhookSubscription?> UpdateAsync(WebhookSubscription subscription, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        const string sql = """
            UPDATE WebhookSubscriptions
            SET Url = @Url, Description = @Description, Events = @Events, Secret = @Secret, State = @State,
                PausedReason = @PausedReason, PausedUtc = @PausedUtc, UpdatedUtc = @NowUtc,
                FailingSinceUtc = CASE WHEN @State = 'Active' AND State = 'Paused' THEN NULL ELSE FailingSinceUtc END,
                Version = Version + 1
            WHERE Id = @Id AND Version = @Version
            """;
        var args = new DynamicParameters(Columns(subscription));
        args.Add("NowUtc", nowUtc);
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.ExecuteAsync(new CommandDefinition(sql, args, cancellationToken: cancellationToken));
        return rows == 1 ? subscription with { Version = subscription.Version + 1 } : null;
    }

    public async Task<bool> DeleteAsync(int id, int version, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var rows = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE WebhookSubscriptions SET Version = Version + 1 WHERE Id = @Id AND Version = @Version",
            new { Id = id, Version = version }, transaction, cancellationToken: cancellationToken));
        if (rows == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }

        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM WebhookDeliveries WHERE SubscriptionId = @Id", new { Id = id }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM WebhookSubscriptions WHERE Id = @Id", new { Id = id }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<IReadOnlyList<WebhookDelivery>> ListDeliveriesAsync(int subscriptionId, int take, CancellationToken cancellationToken = default)
    {
        var sql = $"""
            {SelectDelivery}
            WHERE d.SubscriptionId = @SubscriptionId
            ORDER BY d.Id DESC
            {connections.Dialect.TopClause}
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<DeliveryRow>(new CommandDefinition(
            sql, new { SubscriptionId = subscriptionId, Take = take }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToDelivery()).ToList();
    }

    public async Task<WebhookDelivery?> GetDeliveryAsync(int id, CancellationToken cancellationToken = default)
    {
        const string sql = $"""
            {SelectDelivery}
            WHERE d.Id = @Id
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<DeliveryRow>(new CommandDefinition(sql, new { Id = id }, cancellationToken: cancellationToken));
        return row?.ToDelivery();
    }

    public async Task<int> QueueForAsync(int subscriptionId, WebhookEvent webhookEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(webhookEvent);
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await WebhookQueue.InsertAsync(connection, null, connections.Dialect, subscriptionId, webhookEvent, cancellationToken);
    }

    public async Task<bool> RedeliverAsync(int deliveryId, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        const string sql = """
            UPDATE WebhookDeliveries
            SET Status = 'Pending', Attempts = 0, NextAttemptUtc = @NowUtc, ClaimedUntilUtc = NULL
            WHERE Id = @Id AND Status IN ('Delivered', 'Failed')
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(sql, new { Id = deliveryId, NowUtc = nowUtc }, cancellationToken: cancellationToken)) == 1;
    }

    public async Task<IReadOnlyList<string>> ListAdminAddressesAsync(CancellationToken cancellationToken = default)
    {
        const string sql = """
            SELECT u.Email FROM Users u
            WHERE u.DeactivatedUtc IS NULL AND u.Email IS NOT NULL AND EXISTS (
                SELECT 1 FROM UserRoles ur JOIN Roles r ON r.Id = ur.RoleId
                WHERE ur.UserId = u.Id AND r.NormalizedName = 'ADMIN')
            ORDER BY u.Id
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<string>(new CommandDefinition(sql, cancellationToken: cancellationToken))).AsList();
    }

    public async Task<bool> PauseForFailuresAsync(int subscriptionId, string reason, IReadOnlyList<OutboundMail> mail, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mail);
        const string sql = """
            UPDATE WebhookSubscriptions
            SET State = 'Paused', PausedReason = @Reason, PausedUtc = @NowUtc, UpdatedUtc = @NowUtc, Version = Version + 1
            WHERE Id = @Id AND State = 'Active'
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var rows = await connection.ExecuteAsync(new CommandDefinition(
            sql, new { Id = subscriptionId, Reason = reason, NowUtc = nowUtc }, transaction, cancellationToken: cancellationToken));
        if (rows == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }

        foreach (var message in mail)
        {
            await outbox.EnqueueAsync(connection, transaction, message, nowUtc, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private static async Task<WebhookSubscription?> GetAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction? transaction, int id, CancellationToken cancellationToken)
    {
        const string sql = $"""
            {SelectSubscription}
            WHERE Id = @Id
            """;
        var row = await connection.QuerySingleOrDefaultAsync<SubscriptionRow>(new CommandDefinition(sql, new { Id = id }, transaction, cancellationToken: cancellationToken));
        return row?.ToSubscription();
    }

    private static object Columns(WebhookSubscription s) => new
    {
        s.Id,
        s.Url,
        s.Description,
        Events = string.Join(',', s.Events),
        Secret = s.ProtectedSecret,
        State = s.State.ToString(),
        s.PausedReason,
        s.PausedUtc,
        s.CreatedUtc,
        s.Version,
    };

    private sealed record SubscriptionRow
    {
        public int Id { get; init; }
        public string Url { get; init; } = "";
        public string Description { get; init; } = "";
        public string Events { get; init; } = "";
        public string ProtectedSecret { get; init; } = "";
        public string State { get; init; } = "";
        public string? PausedReason { get; init; }
        public DateTime? PausedUtc { get; init; }
        public DateTime? FailingSinceUtc { get; init; }
        public DateTime? LastDeliveredUtc { get; init; }
        public DateTime CreatedUtc { get; init; }
        public int Version { get; init; }

        public WebhookSubscription ToSubscription() => new()
        {
            Id = Id,
            Url = Url,
            Description = Description,
            Events = WebhookQueue.ParseEvents(Events),
            ProtectedSecret = ProtectedSecret,
            State = Enum.Parse<WebhookState>(State),
            PausedReason = PausedReason,
            PausedUtc = PausedUtc,
            FailingSinceUtc = FailingSinceUtc,
            LastDeliveredUtc = LastDeliveredUtc,
            CreatedUtc = CreatedUtc,
            Version = Version,
        };
    }

    internal sealed record DeliveryRow
    {
        public int Id { get; init; }
        public int SubscriptionId { get; init; }
        public string EventId { get; init; } = "";
        public string EventType { get; init; } = "";
        public int? TicketId { get; init; }
        public string Payload { get; init; } = "";
        public string Status { get; init; } = "";
        public int Attempts { get; init; }
        public DateTime CreatedUtc { get; init; }
        public DateTime NextAttemptUtc { get; init; }
        public DateTime? LastAttemptUtc { get; init; }
        public DateTime? DeliveredUtc { get; init; }
        public int? LastStatusCode { get; init; }
        public string? LastResponse { get; init; }

        public WebhookDelivery ToDelivery() => new()
        {
            Id = Id,
            SubscriptionId = SubscriptionId,
            EventId = Guid.Parse(EventId),
            EventType = EventType,
            TicketId = TicketId,
            Payload = Payload,
            Status = Enum.Parse<WebhookDeliveryStatus>(Status),
            Attempts = Attempts,
            CreatedUtc = CreatedUtc,
            NextAttemptUtc = NextAttemptUtc,
            LastAttemptUtc = LastAttemptUtc,
            DeliveredUtc = DeliveredUtc,
            LastStatusCode = LastStatusCode,
            LastResponse = LastResponse,
        };
    }
}
