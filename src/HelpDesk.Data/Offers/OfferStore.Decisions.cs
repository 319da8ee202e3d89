using System.Data.Common;
using Dapper;
using HelpDesk.Core.Contracts;
using HelpDesk.Core.Offers;
using HelpDesk.Data.Tickets;
using HelpDesk.Data.Webhooks;

namespace HelpDesk.Data.Offers;

/// <summary>
/// The writes that decide an offer. Each begins with the conditional update of the offer's status
/// (<c>WHERE Status = 'Sent' AND Version = @Version</c>): of two decisions made at once, one updates a row and the
/// other none, and that one writes nothing at all.
/// </summary>
public sealed partial class OfferStore
{
    private const string Decide = """
        UPDATE Offers
        SET Status = @Status, DecidedById = @DecidedById, DecidedUtc = @DecidedUtc, DeclineReason = @DeclineReason,
            WithdrawReason = @WithdrawReason, Version = Version + 1
        WHERE Id = @Id AND Status = 'Sent' AND Version = @Version
        """;

    public async Task<AcceptedOffer?> AcceptAsync(OfferAcceptanceWrite write, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(write);
        var offer = write.Offer;
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (!await ClaimAsync(connection, transaction, offer, cancellationToken))
        {
            return null;
        }

        const string acceptance = """
            INSERT INTO OfferAcceptances (OfferId, AcceptedById, TypedName, AcceptedUtc, ClientAddress, UserAgent, TermsSha256, TermsHtml,
                                          PriceCents, Currency, OfferingVersionId)
            VALUES (@OfferId, @AcceptedById, @TypedName, @AcceptedUtc, @ClientAddress, @UserAgent, @TermsSha256, @TermsHtml,
                    @PriceCents, @Currency, @OfferingVersionId)
            """;
        await connection.ExecuteAsync(new CommandDefinition(acceptance, write.Acceptance, transaction, cancellationToken: cancellationToken));
        var now = write.Acceptance.AcceptedUtc;
        if (write.Revenue is { } revenue)
        {
            const string book = """
                INSERT INTO ServicesRevenue (OfferId, Day, OrganisationId, ContractId, ProductId, Region, AmountCents, BookedUtc)
                VALUES (@OfferId, @Day, @OrganisationId, @ContractId, @ProductId, @Region, @AmountCents, @BookedUtc)
                """;
            await connection.ExecuteAsync(new CommandDefinition(
                book,
                new { revenue.OfferId, revenue.Day, revenue.OrganisationId, revenue.ContractId, revenue.ProductId, Region = revenue.Region.ToString(), revenue.AmountCents, revenue.BookedUtc },
                transaction,
                cancellationToken: cancellationToken));
        }

        int? engagementId = null;
        if (write.Engagement is { } engagement)
        {
            var open = connections.Dialect.InsertReturningId("""
                INSERT INTO ServicesEngagements (OfferId, TicketId, OrganisationId, AssigneeId, Status, DueOn, CreatedUtc, Version)
                VALUES (@OfferId, @TicketId, @OrganisationId, @AssigneeId, @Status, @DueOn, @CreatedUtc, 1)
                """);
            engagementId = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
                open,
                new { engagement.OfferId, engagement.TicketId, engagement.OrganisationId, engagement.AssigneeId, Status = engagement.Status.ToString(), engagement.DueOn, engagement.CreatedUtc },
                transaction,
                cancellationToken: cancellationToken));
        }

        if (write.IncidentsBought is int incidents)
        {
            const string topUp = """
                UPDATE Contracts SET IncidentsBought = IncidentsBought + @Incidents, UpdatedUtc = @Now WHERE Id = @ContractId
                """;
            var rows = await connection.ExecuteAsync(new CommandDefinition(topUp, new { Incidents = incidents, Now = now, offer.ContractId }, transaction, cancellationToken: cancellationToken));
            if (rows != 1)
            {
                throw new InvalidOperationException($"Offer {offer.Number} tops up contract {offer.ContractId}, which does not exist.");
            }
        }

        int? contractId = null;
        if (write.PendingContract is { } pending)
        {
            contractId = await InsertContractAsync(connection, transaction, pending, now, cancellationToken);
        }

        await TicketStore.InsertAuditAsync(connection, transaction, offer.TicketId, offer.DecidedById, write.Audit, now, cancellationToken);
        foreach (var mail in write.Mail)
        {
            await outbox.EnqueueAsync(connection, transaction, mail, now, cancellationToken);
        }

        var accepted = offer with { Version = offer.Version + 1 };
        var queued = await WebhookQueue.QueueOfferAsync(connection, transaction, connections.Dialect, accepted, now, cancellationToken);
        // The pending contract it opened, or the contract it topped up, changed with it.
        if ((write.IncidentsBought is null ? contractId : offer.ContractId) is int changedContract)
        {
            queued += await WebhookQueue.QueueContractAsync(connection, transaction, connections.Dialect, changedContract, now, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        WebhookQueue.Announce(webhooks, queued);
        return new AcceptedOffer(accepted, engagementId, contractId);
    }

    public async Task<Offer?> DecideAsync(OfferDecisionWrite write, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(write);
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (!await ClaimAsync(connection, transaction, write.Offer, cancellationToken))
        {
            return null;
        }

        await TicketStore.InsertAuditAsync(connection, transaction, write.Offer.TicketId, write.ActorId, write.Audit, write.NowUtc, cancellationToken);
        foreach (var mail in write.Mail)
        {
            await outbox.EnqueueAsync(connection, transaction, mail, write.NowUtc, cancellationToken);
        }

        var decided = write.Offer with { Version = write.Offer.Version + 1 };
        var queued = await WebhookQueue.QueueOfferAsync(connection, transaction, connections.Dialect, decided, write.NowUtc, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        WebhookQueue.Announce(webhooks, queued);
        return decided;
    }

    public async Task<IReadOnlyList<int>> ListExpiredAsync(DateTime nowUtc, int take, CancellationToken cancellationToken = default)
    {
        var sql = $"""
            SELECT f.Id FROM Offers f
            WHERE f.Status = 'Sent' AND f.ExpiresUtc <= @Now
            ORDER BY f.ExpiresUtc, f.Id
            {connections.Dialect.TopClause}
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<int>(new CommandDefinition(sql, new { Now = nowUtc, Take = take }, cancellationToken: cancellationToken))).AsList();
    }

    /// <summary>The conditional move out of Sent; false (and the transaction rolled back) when the offer was no longer Sent at its version.</summary>
    private static async Task<bool> ClaimAsync(DbConnection connection, DbTransaction transaction, Offer decided, CancellationToken cancellationToken)
    {
        var rows = await connection.ExecuteAsync(new CommandDefinition(
            Decide,
            new
            {
                decided.Id,
                decided.Version,
                Status = decided.Status.ToString(),
                decided.DecidedById,
                decided.DecidedUtc,
                decided.DeclineReason,
                decided.WithdrawReason,
            },
            transaction,
            cancellationToken: cancellationToken));
        if (rows == 1)
        {
            return true;
        }

        await transaction.RollbackAsync(cancellationToken);
        return false;
    }

    private async Task<int> InsertContractAsync(DbConnection connection, DbTransaction transaction, Contract contract, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var insert = connections.Dialect.InsertReturningId("""
            INSERT INTO Contracts (OrganisationId, PlanId, StartsOn, EndsOn, TimeZone, ValueCents, RenewsContractId, Status,
                                   IncidentsBought, CreatedUtc, UpdatedUtc, Version)
            VALUES (@OrganisationId, @PlanId, @StartsOn, @EndsOn, @TimeZone, @ValueCents, @RenewsContractId, @Status,
                    0, @CreatedUtc, @CreatedUtc, 1)
            """);
        var id = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            insert,
            new
            {
                contract.OrganisationId,
                contract.PlanId,
                contract.StartsOn,
                contract.EndsOn,
                contract.TimeZone,
                contract.ValueCents,
                contract.RenewsContractId,
                Status = contract.Status.ToString(),
                CreatedUtc = nowUtc,
            },
            transaction,
            cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO ContractProducts (ContractId, ProductId) VALUES (@ContractId, @ProductId)",
            contract.ProductIds.Distinct().Select(p => new { ContractId = id, ProductId = p }),
            transaction,
            cancellationToken: cancellationToken));
        return id;
    }
}
