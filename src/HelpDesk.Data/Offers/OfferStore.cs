using Dapper;
using HelpDesk.Core.Offers;
using HelpDesk.Core.Tickets;
using HelpDesk.Core.Webhooks;
using HelpDesk.Data.Infrastructure;
using HelpDesk.Data.Mail;
using HelpDesk.Data.Tickets;
using HelpDesk.Data.Webhooks;
using static HelpDesk.Data.Offers.OfferRows;

namespace HelpDesk.Data.Offers;

/// <summary>
/// Offers, quote requests, and (in <c>OfferStore.Decisions.cs</c>) the conditional writes that decide an offer. Reads
/// that take an organisation filter on it in the SQL, so another organisation's offer is never read. An offer sent,
/// accepted or declined queues its webhook deliveries in the transaction of the change, as a ticket's change does.
/// </summary>
public sealed partial class OfferStore(IDbConnectionFactory connections, OutboxStore outbox, IWebhookSignal webhooks) : IOfferStore
{
    private const string ScopedToOrganisation = "(@OrganisationId IS NULL OR f.OrganisationId = @OrganisationId)";

    public async Task<Offer> CreateAsync(NewOffer offer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(offer);
        var insert = connections.Dialect.InsertReturningId("""
            INSERT INTO Offers (TicketId, OrganisationId, Kind, OfferingVersionId, ProductId, PlanId, ContractId, Size, Incidents,
                                TermStartsOn, TermEndsOn, PriceCents, Currency, Title, TermsMarkdown, TermsHtml, BlanksJson,
                                Reason, ExpiresUtc, Status, SentById, SentUtc, Version)
            VALUES (@TicketId, @OrganisationId, @Kind, @OfferingVersionId, @ProductId, @PlanId, @ContractId, @Size, @Incidents,
                    @TermStartsOn, @TermEndsOn, @PriceCents, @Currency, @Title, @TermsMarkdown, @TermsHtml, @BlanksJson,
                    @Reason, @ExpiresUtc, 'Sent', @SentById, @SentUtc, 1)
            """);
        const string answerQuote = """
            UPDATE QuoteRequests SET Status = 'Offered', OfferId = @OfferId, ClosedUtc = @Now, Version = Version + 1
            WHERE TicketId = @TicketId AND Status = 'Open'
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var id = await connection.ExecuteScalarAsync<int>(new CommandDefinition(insert, Parameters(offer.Offer), transaction, cancellationToken: cancellationToken));
        var saved = offer.Offer with { Id = id, Status = OfferStatus.Sent, Version = 1 };
        await connection.ExecuteAsync(new CommandDefinition(answerQuote, new { OfferId = id, saved.TicketId, Now = offer.NowUtc }, transaction, cancellationToken: cancellationToken));
        await TicketStore.InsertAuditAsync(connection, transaction, saved.TicketId, saved.SentById, offer.Audit(saved), offer.NowUtc, cancellationToken);
        foreach (var mail in offer.Mail(saved))
        {
            await outbox.EnqueueAsync(connection, transaction, mail, offer.NowUtc, cancellationToken);
        }

        var queued = await WebhookQueue.QueueOfferAsync(connection, transaction, connections.Dialect, saved, offer.NowUtc, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        WebhookQueue.Announce(webhooks, queued);
        return saved;
    }

    public async Task<Offer?> GetAsync(int offerId, int? organisationId = null, CancellationToken cancellationToken = default)
    {
        const string sql = $"SELECT {OfferColumns} FROM Offers f WHERE f.Id = @Id AND {ScopedToOrganisation}";
        await using var connection = await connections.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<OfferRow>(new CommandDefinition(sql, new { Id = offerId, OrganisationId = organisationId }, cancellationToken: cancellationToken));
        return row?.ToOffer();
    }

    public async Task<IReadOnlyList<Offer>> ListForTicketAsync(int ticketId, int? organisationId = null, CancellationToken cancellationToken = default)
    {
        const string sql = $"SELECT {OfferColumns} FROM Offers f WHERE f.TicketId = @TicketId AND {ScopedToOrganisation} ORDER BY f.Id DESC";
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<OfferRow>(new CommandDefinition(sql, new { TicketId = ticketId, OrganisationId = organisationId }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToOffer())];
    }

    public async Task<IReadOnlyList<OfferSummary>> ListAsync(int? organisationId, OfferStatus? status, int take, CancellationToken cancellationToken = default)
    {
        var sql = $"""
            SELECT {OfferColumns}, o.Code AS OfferingCode, v.Number AS OfferingVersionNumber, g.Name AS OrganisationName,
                   u.DisplayName AS SentByName
            FROM Offers f
            JOIN OfferingVersions v ON v.Id = f.OfferingVersionId
            JOIN Offerings o ON o.Id = v.OfferingId
            JOIN Organisations g ON g.Id = f.OrganisationId
            JOIN Users u ON u.Id = f.SentById
            WHERE {ScopedToOrganisation} AND (@Status IS NULL OR f.Status = @Status)
            ORDER BY f.Id DESC
            {connections.Dialect.TopClause}
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<OfferRow, SummaryNames, OfferSummary>(
            new CommandDefinition(sql, new { OrganisationId = organisationId, Status = status?.ToString(), Take = take }, cancellationToken: cancellationToken),
            (offer, names) => new OfferSummary
            {
                Offer = offer.ToOffer(),
                OfferingCode = names.OfferingCode,
                OfferingVersionNumber = names.OfferingVersionNumber,
                OrganisationName = names.OrganisationName,
                SentByName = names.SentByName,
            },
            splitOn: nameof(SummaryNames.OfferingCode));
        return rows.AsList();
    }

    public async Task<OfferAcceptance?> GetAcceptanceAsync(int offerId, int? organisationId = null, CancellationToken cancellationToken = default)
    {
        const string sql = $"""
            SELECT a.OfferId, a.AcceptedById, a.TypedName, a.AcceptedUtc, a.ClientAddress, a.UserAgent, a.TermsSha256, a.TermsHtml,
                   a.PriceCents, a.Currency, a.OfferingVersionId
            FROM OfferAcceptances a JOIN Offers f ON f.Id = a.OfferId
            WHERE a.OfferId = @OfferId AND {ScopedToOrganisation}
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<OfferAcceptance>(new CommandDefinition(sql, new { OfferId = offerId, OrganisationId = organisationId }, cancellationToken: cancellationToken));
    }

    public async Task<ServicesEngagement?> GetEngagementAsync(int offerId, CancellationToken cancellationToken = default)
    {
        const string sql = """
            SELECT e.Id, e.OfferId, e.TicketId, e.OrganisationId, e.AssigneeId, e.Status, e.DueOn, e.CreatedUtc, e.Version
            FROM ServicesEngagements e WHERE e.OfferId = @OfferId
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<ServicesEngagement>(new CommandDefinition(sql, new { OfferId = offerId }, cancellationToken: cancellationToken));
    }

    public async Task<QuoteRequest> CreateQuoteRequestAsync(QuoteRequest request, AuditChange audit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(audit);
        var insert = connections.Dialect.InsertReturningId("""
            INSERT INTO QuoteRequests (TicketId, OrganisationId, RequestedById, FromCustomer, Note, Status, CreatedUtc, Version)
            VALUES (@TicketId, @OrganisationId, @RequestedById, @FromCustomer, @Note, 'Open', @CreatedUtc, 1)
            """);
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var id = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            insert,
            new { request.TicketId, request.OrganisationId, request.RequestedById, request.FromCustomer, request.Note, request.CreatedUtc },
            transaction,
            cancellationToken: cancellationToken));
        await TicketStore.InsertAuditAsync(connection, transaction, request.TicketId, request.RequestedById, [audit], request.CreatedUtc, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return request with { Id = id, Status = QuoteRequestStatus.Open, Version = 1 };
    }

    public async Task<QuoteRequest?> GetQuoteRequestAsync(int id, CancellationToken cancellationToken = default)
    {
        const string sql = $"SELECT {QuoteColumns} FROM QuoteRequests q WHERE q.Id = @Id";
        await using var connection = await connections.OpenAsync(cancellationToken);
        return (await connection.QuerySingleOrDefaultAsync<QuoteRow>(new CommandDefinition(sql, new { Id = id }, cancellationToken: cancellationToken)))?.ToQuote();
    }

    public async Task<IReadOnlyList<QuoteRequest>> ListQuoteRequestsAsync(int? ticketId, QuoteRequestStatus? status, CancellationToken cancellationToken = default)
    {
        const string sql = $"""
            SELECT {QuoteColumns} FROM QuoteRequests q
            WHERE (@TicketId IS NULL OR q.TicketId = @TicketId) AND (@Status IS NULL OR q.Status = @Status)
            ORDER BY q.Id DESC
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<QuoteRow>(new CommandDefinition(sql, new { TicketId = ticketId, Status = status?.ToString() }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToQuote())];
    }

    public async Task<QuoteRequest?> CloseQuoteRequestAsync(int id, int version, int actorId, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        const string sql = """
            UPDATE QuoteRequests SET Status = 'Closed', ClosedUtc = @Now, Version = Version + 1
            WHERE Id = @Id AND Version = @Version AND Status = 'Open'
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await connection.ExecuteAsync(new CommandDefinition(sql, new { Id = id, Version = version, Now = nowUtc }, transaction, cancellationToken: cancellationToken)) == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return null;
        }

        var ticketId = await connection.ExecuteScalarAsync<int>(new CommandDefinition("SELECT TicketId FROM QuoteRequests WHERE Id = @Id", new { Id = id }, transaction, cancellationToken: cancellationToken));
        await TicketStore.InsertAuditAsync(connection, transaction, ticketId, actorId, [new AuditChange("quote-request", nameof(QuoteRequestStatus.Open), "Closed without an offer.")], nowUtc, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return await GetQuoteRequestAsync(id, cancellationToken);
    }

    private sealed record SummaryNames
    {
        public string OfferingCode { get; init; } = "";
        public int OfferingVersionNumber { get; init; }
        public string OrganisationName { get; init; } = "";
        public string SentByName { get; init; } = "";
    }
}
