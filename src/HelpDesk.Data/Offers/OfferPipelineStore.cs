using Dapper;
using HelpDesk.Core.Offers;
using HelpDesk.Core.Organisations;
using HelpDesk.Data.Infrastructure;
using static HelpDesk.Data.Offers.OfferRows;

namespace HelpDesk.Data.Offers;

/// <summary>The services pipeline's reads: offers with their names and booked revenue, and open quote requests.</summary>
public sealed class OfferPipelineStore(IDbConnectionFactory connections) : IOfferPipelineStore
{
    public async Task<IReadOnlyList<PipelineOffer>> ListOffersAsync(DateTime? sinceUtc, CancellationToken cancellationToken = default)
    {
        const string sql = """
            SELECT f.Id AS OfferId, f.Status, f.Kind, o.Code AS OfferingCode, v.Name AS OfferingName, p.Name AS ProductName,
                   g.Segment, u.DisplayName AS EngineerName, f.PriceCents, f.SentUtc, f.DecidedUtc, f.DeclineReason,
                   r.Day AS RevenueDay, r.AmountCents AS RevenueCents
            FROM Offers f
            JOIN OfferingVersions v ON v.Id = f.OfferingVersionId
            JOIN Offerings o ON o.Id = v.OfferingId
            JOIN Organisations g ON g.Id = f.OrganisationId
            JOIN Users u ON u.Id = f.SentById
            LEFT JOIN Products p ON p.Id = f.ProductId
            LEFT JOIN ServicesRevenue r ON r.OfferId = f.Id
            WHERE @Since IS NULL OR f.SentUtc >= @Since OR r.Day >= @SinceDay
            ORDER BY f.Id
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<PipelineRow>(new CommandDefinition(
            sql,
            new { Since = sinceUtc, SinceDay = sinceUtc is DateTime since ? Day(since) : null },
            cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToOffer())];
    }

    public async Task<IReadOnlyList<PipelineQuoteRequest>> ListOpenQuoteRequestsAsync(CancellationToken cancellationToken = default)
    {
        const string sql = $"""
            SELECT {QuoteColumns}, t.Subject AS TicketSubject, g.Name AS OrganisationName, u.DisplayName AS RequestedByName
            FROM QuoteRequests q
            JOIN Tickets t ON t.Id = q.TicketId
            JOIN Organisations g ON g.Id = q.OrganisationId
            JOIN Users u ON u.Id = q.RequestedById
            WHERE q.Status = 'Open'
            ORDER BY q.CreatedUtc, q.Id
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<QuoteRow, QuoteNames, PipelineQuoteRequest>(
            new CommandDefinition(sql, cancellationToken: cancellationToken),
            (quote, names) => new PipelineQuoteRequest(quote.ToQuote(), names.TicketSubject, names.OrganisationName, names.RequestedByName),
            splitOn: nameof(QuoteNames.TicketSubject));
        return rows.AsList();
    }

    private sealed record QuoteNames
    {
        public string TicketSubject { get; init; } = "";
        public string OrganisationName { get; init; } = "";
        public string RequestedByName { get; init; } = "";
    }

    private sealed record PipelineRow
    {
        public int OfferId { get; init; }
        public string Status { get; init; } = "";
        public string Kind { get; init; } = "";
        public string OfferingCode { get; init; } = "";
        public string OfferingName { get; init; } = "";
        public string? ProductName { get; init; }
        public string Segment { get; init; } = "";
        public string EngineerName { get; init; } = "";
        public long PriceCents { get; init; }
        public DateTime SentUtc { get; init; }
        public DateTime? DecidedUtc { get; init; }
        public string? DeclineReason { get; init; }
        public string? RevenueDay { get; init; }
        public long? RevenueCents { get; init; }

        public PipelineOffer ToOffer() => new()
        {
            OfferId = OfferId,
            Status = Enum.Parse<OfferStatus>(Status),
            Kind = Enum.Parse<OfferingKind>(Kind),
            OfferingCode = OfferingCode,
            OfferingName = OfferingName,
            ProductName = ProductName,
            Segment = Enum.Parse<CustomerSegment>(Segment),
            EngineerName = EngineerName,
            PriceCents = PriceCents,
            SentUtc = SentUtc,
            DecidedUtc = DecidedUtc,
            DeclineReason = DeclineReason,
            RevenueDay = RevenueDay,
            RevenueCents = RevenueCents,
        };
    }
}
