using Dapper;
using HelpDesk.Core.Offers;
using static HelpDesk.Data.Offers.OfferRows;

namespace HelpDesk.Data.Offers;

/// <summary>Offers a page at a time, newest first, keyed by id.</summary>
public sealed partial class OfferStore
{
    public async Task<OfferPage> PageAsync(OfferQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var sql = $"""
            SELECT {OfferColumns}, o.Code AS OfferingCode, v.Number AS OfferingVersionNumber, g.Name AS OrganisationName,
                   u.DisplayName AS SentByName
            FROM Offers f
            JOIN OfferingVersions v ON v.Id = f.OfferingVersionId
            JOIN Offerings o ON o.Id = v.OfferingId
            JOIN Organisations g ON g.Id = f.OrganisationId
            JOIN Users u ON u.Id = f.SentById
            WHERE {ScopedToOrganisation}
              AND (@Status IS NULL OR f.Status = @Status)
              AND (@TicketId IS NULL OR f.TicketId = @TicketId)
              AND (@BeforeId IS NULL OR f.Id < @BeforeId)
            ORDER BY f.Id DESC
            {connections.Dialect.TopClause}
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<OfferRow, SummaryNames, OfferSummary>(
            new CommandDefinition(
                sql,
                new { query.OrganisationId, Status = query.Status?.ToString(), query.TicketId, query.BeforeId, Take = query.Take + 1 },
                cancellationToken: cancellationToken),
            (offer, names) => new OfferSummary
            {
                Offer = offer.ToOffer(),
                OfferingCode = names.OfferingCode,
                OfferingVersionNumber = names.OfferingVersionNumber,
                OrganisationName = names.OrganisationName,
                SentByName = names.SentByName,
            },
            splitOn: nameof(SummaryNames.OfferingCode))).AsList();

        // One row more than asked says whether another page follows.
        return rows.Count > query.Take
            ? new OfferPage(rows.Take(query.Take).ToList(), rows[query.Take - 1].Offer.Id)
            : new OfferPage(rows, null);
    }
}
