using Dapper;
using HelpDesk.Core.Economics;
using HelpDesk.Core.Scope;
using HelpDesk.Core.Tickets;
using HelpDesk.Data.Economics;
using HelpDesk.Data.Infrastructure;
using HelpDesk.Data.Tickets;

namespace HelpDesk.Data.Scope;

/// <summary>
/// The scope review's tickets: the TicketDayFacts of the days summed per ticket (so the figures are the dashboard's),
/// with the ticket's release, environment, category and judgement, and the services revenue booked in the days on
/// its accepted offers (the ServicesRevenue rows the daily facts sum).
/// </summary>
public sealed class ScopeReviewReader(IDbConnectionFactory connections) : IScopeReviewReader
{
    public async Task<IReadOnlyList<ScopeReviewTicket>> TicketsAsync(DateOnly firstDay, DateOnly lastDay, CancellationToken cancellationToken = default)
    {
        var where = FactFilter.For(new EconomicsFilter(firstDay, lastDay), "f");
        var outer = string.Join(", ", FactColumns.Measures.Select(m => $"g.{m}"));
        var sql = $"""
            SELECT g.TicketId AS Id, t.Subject, g.ProductId, p.Name AS ProductName, t.ProductRelease AS Release, t.Environment, t.Category, t.Verdict AS JudgedVerdict,
                   u.DisplayName AS OverriddenByName, s.AmountCents AS ServicesRevenueCents,
                   {TicketEntitlementColumns.Select}, {outer}
            FROM (SELECT f.TicketId, MIN(f.ProductId) AS ProductId, {FactColumns.Sums} FROM TicketDayFacts f WHERE {where.Sql} GROUP BY f.TicketId) g
            JOIN Tickets t ON t.Id = g.TicketId
            LEFT JOIN Products p ON p.Id = g.ProductId
            LEFT JOIN Users u ON u.Id = t.OverriddenById
            LEFT JOIN (SELECT o.TicketId, SUM(r.AmountCents) AS AmountCents
                       FROM ServicesRevenue r JOIN Offers o ON o.Id = r.OfferId
                       WHERE r.Day >= @From AND r.Day <= @To
                       GROUP BY o.TicketId) s ON s.TicketId = g.TicketId
            ORDER BY g.TicketId
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ReviewRow, TicketEntitlementColumns, Measures, ScopeReviewTicket>(
            new CommandDefinition(sql, where.Parameters, cancellationToken: cancellationToken),
            (row, judgement, measures) => row.ToTicket(judgement, measures), splitOn: $"{nameof(TicketEntitlementColumns.TicketId)},{FactColumns.Measures[0]}");
        return [.. rows];
    }

    private sealed record ReviewRow
    {
        public int Id { get; init; }
        public string Subject { get; init; } = "";
        public int ProductId { get; init; }
        public string? ProductName { get; init; }
        public string? Release { get; init; }
        public string? Environment { get; init; }
        public string? Category { get; init; }
        public Verdict? JudgedVerdict { get; init; }
        public string? OverriddenByName { get; init; }
        public long? ServicesRevenueCents { get; init; }

        public ScopeReviewTicket ToTicket(TicketEntitlementColumns judgement, Measures measures)
        {
            return new ScopeReviewTicket
            {
                TicketId = Id,
                Number = TicketNumber.Format(Id),
                Subject = Subject,
                ProductId = ProductId,
                ProductName = ProductName ?? (ProductId == 0 ? "No product" : $"#{ProductId}"),
                Release = Release,
                Environment = Environment,
                Category = Category,
                JudgedVerdict = JudgedVerdict,
                Decision = TicketEntitlementColumns.Deserialize(judgement.EntitlementJson),
                OverrideVerdict = judgement.OverrideVerdict,
                OverriddenById = judgement.OverriddenById,
                OverriddenByName = OverriddenByName,
                Measures = measures,
                ServicesRevenueCents = ServicesRevenueCents ?? 0,
            };
        }
    }
}
