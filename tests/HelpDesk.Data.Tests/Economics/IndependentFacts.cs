using Dapper;
using HelpDesk.Core.Economics;
using Microsoft.Data.Sqlite;

namespace HelpDesk.Data.Tests.Economics;

/// <summary>
/// Every measure worked out again straight from the raw tables with SQL of its own (SQLite), sharing no code with
/// the rollup: the figures the facts must equal to the cent. Days are compared as the first ten characters of the
/// stored UTC times.
/// </summary>
internal static class IndependentFacts
{
    public static async Task<Measures> ComputeAsync(SqliteConnection c, DateOnly from, DateOnly to, int? organisationId, DateTime asOfUtc)
    {
        var args = new
        {
            From = from.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            To = to.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            Org = organisationId,
            AsOf = asOfUtc,
        };
        Task<long> One(string sql) => c.ExecuteScalarAsync<long>(sql, args);
        const string inPeriod = "BETWEEN @From AND @To";
        const string ofOrg = "(@Org IS NULL OR t.OrganisationId = @Org)";
        const string staff = "m.AuthorId IN (SELECT ur.UserId FROM UserRoles ur JOIN Roles r ON r.Id = ur.RoleId WHERE r.NormalizedName IN ('ENGINEER', 'MANAGER', 'ADMIN'))";
        string StatusCount(string to) => $"""
            SELECT COUNT(*) FROM TicketAudit a JOIN Tickets t ON t.Id = a.TicketId
            WHERE a.Field = 'status' AND a.NewValue = '{to}' AND a.OldValue <> '{to}' AND substr(a.CreatedUtc, 1, 10) {inPeriod} AND {ofOrg}
            """;
        string Labour(string ticketFilter) => $"""
            SELECT COALESCE(SUM((e.Minutes * COALESCE((SELECT r.HourlyCents FROM EngineerRates r WHERE r.UserId = e.EngineerId AND r.EffectiveFrom <= e.WorkDate
                                                       ORDER BY r.EffectiveFrom DESC LIMIT 1), 0) + 30) / 60), 0)
            FROM TimeEntries e JOIN EngineerProfiles p ON p.UserId = e.EngineerId JOIN Tickets t ON t.Id = e.TicketId
            WHERE p.Sourcing = 'InHouse' AND e.WorkDate {inPeriod} AND {ofOrg} AND {ticketFilter}
            """;
        string SupplierCost(string ticketFilter) => $"""
            SELECT COALESCE(SUM(x.Price), 0) FROM (
                SELECT e.TicketId, p.Supplier, MAX(p.PricePerCaseCents) AS Price, MIN(e.WorkDate) AS FirstDay
                FROM TimeEntries e JOIN EngineerProfiles p ON p.UserId = e.EngineerId JOIN Tickets t ON t.Id = e.TicketId
                WHERE p.Sourcing = 'Supplier' AND {ofOrg} AND {ticketFilter}
                GROUP BY e.TicketId, p.Supplier) x
            WHERE x.FirstDay {inPeriod}
            """;
        const string goodwill = "t.OverrideVerdict = 'Entitled' AND t.Verdict IS NOT NULL AND t.Verdict <> 'Entitled'";
        string Sla(string reached, string due, string met) => $"""
            SELECT
              (SELECT COUNT(*) FROM Tickets t WHERE t.{met} = 1 AND substr(t.{reached}, 1, 10) {inPeriod} AND {ofOrg}),
              (SELECT COUNT(*) FROM Tickets t WHERE (t.{met} = 0 OR (t.{met} IS NULL AND t.{reached} IS NULL AND t.{due} < @AsOf))
                                               AND substr(t.{due}, 1, 10) {inPeriod} AND {ofOrg}),
              (SELECT COUNT(*) FROM Tickets t WHERE t.{reached} IS NOT NULL AND substr(t.{reached}, 1, 10) {inPeriod} AND {ofOrg}),
              (SELECT COALESCE(SUM(CAST(ROUND((julianday(t.{reached}) - julianday(t.CreatedUtc)) * 1440) AS INTEGER)), 0) FROM Tickets t
               WHERE t.{reached} IS NOT NULL AND substr(t.{reached}, 1, 10) {inPeriod} AND {ofOrg})
            """;
        var first = await c.QuerySingleAsync<(long Met, long Missed, long Count, long Minutes)>(Sla("FirstResponseUtc", "FirstResponseDueUtc", "FirstResponseMet"), args);
        var resolve = await c.QuerySingleAsync<(long Met, long Missed, long Count, long Minutes)>(Sla("ResolvedUtc", "ResolveDueUtc", "ResolveMet"), args);
        string Csat(string condition) => $"""
            SELECT {condition} FROM TicketRatings g JOIN Tickets t ON t.Id = g.TicketId WHERE substr(g.CreatedUtc, 1, 10) {inPeriod} AND {ofOrg}
            """;
        string Nps(string condition) => $"""
            SELECT COUNT(*) FROM NpsAnswers n WHERE {condition} AND n.Day {inPeriod} AND (@Org IS NULL OR n.OrganisationId = @Org)
            """;

        // Each active contract's value over its days, the odd cents on the last days; summed over the period.
        const string revenue = """
            WITH RECURSIVE days (OrganisationId, Day, Idx, N, V) AS (
                SELECT c.OrganisationId, c.StartsOn, 0, CAST(julianday(c.EndsOn) - julianday(c.StartsOn) + 1 AS INTEGER), c.ValueCents
                FROM Contracts c WHERE c.Status = 'Active'
                UNION ALL
                SELECT OrganisationId, date(Day, '+1 day'), Idx + 1, N, V FROM days WHERE Idx + 1 < N)
            SELECT COALESCE(SUM(V / N + CASE WHEN Idx >= N - V % N THEN 1 ELSE 0 END), 0) FROM days
            WHERE Day BETWEEN @From AND @To AND (@Org IS NULL OR OrganisationId = @Org)
            """;

        return new Measures
        {
            TicketsOpened = await One($"SELECT COUNT(*) FROM Tickets t WHERE substr(t.CreatedUtc, 1, 10) {inPeriod} AND {ofOrg}"),
            TicketsResolved = await One(StatusCount("Resolved")),
            TicketsClosed = await One(StatusCount("Closed")),
            FirstContactResolutions = await One($"""
                SELECT COUNT(*) FROM Tickets t
                WHERE {ofOrg}
                  AND substr((SELECT MIN(a.CreatedUtc) FROM TicketAudit a WHERE a.TicketId = t.Id AND a.Field = 'status' AND a.NewValue = 'Resolved' AND a.OldValue <> 'Resolved'), 1, 10) {inPeriod}
                  AND NOT EXISTS (SELECT 1 FROM TicketAudit a WHERE a.TicketId = t.Id AND a.Field = 'status'
                                  AND a.OldValue IN ('Resolved', 'Closed') AND a.NewValue NOT IN ('Resolved', 'Closed'))
                  AND (SELECT COUNT(*) FROM TicketMessages m WHERE m.TicketId = t.Id AND m.Kind = 'Reply' AND {staff}) = 1
                """),
            MinutesWorked = await One($"SELECT COALESCE(SUM(e.Minutes), 0) FROM TimeEntries e JOIN Tickets t ON t.Id = e.TicketId WHERE e.WorkDate {inPeriod} AND {ofOrg}"),
            LabourCostCents = await One(Labour("1 = 1")) + await One(SupplierCost("1 = 1")),
            GoodwillCostCents = await One(Labour(goodwill)) + await One(SupplierCost(goodwill)),
            SupportRevenueCents = await One(revenue),
            ServicesRevenueCents = await One($"SELECT COALESCE(SUM(s.AmountCents), 0) FROM ServicesRevenue s WHERE s.Day {inPeriod} AND (@Org IS NULL OR s.OrganisationId = @Org)"),
            FirstResponseMet = first.Met,
            FirstResponseMissed = first.Missed,
            FirstResponseCount = first.Count,
            FirstResponseWallMinutes = first.Minutes,
            FirstResponseBusinessMinutes = first.Minutes,
            ResolveMet = resolve.Met,
            ResolveMissed = resolve.Missed,
            ResolveCount = resolve.Count,
            ResolveWallMinutes = resolve.Minutes,
            ResolveBusinessMinutes = resolve.Minutes,
            CsatSum = await One(Csat("COALESCE(SUM(g.Score), 0)")),
            CsatCount = await One(Csat("COUNT(*)")),
            Csat1 = await One(Csat("COUNT(CASE WHEN g.Score = 1 THEN 1 END)")),
            Csat2 = await One(Csat("COUNT(CASE WHEN g.Score = 2 THEN 1 END)")),
            Csat3 = await One(Csat("COUNT(CASE WHEN g.Score = 3 THEN 1 END)")),
            Csat4 = await One(Csat("COUNT(CASE WHEN g.Score = 4 THEN 1 END)")),
            Csat5 = await One(Csat("COUNT(CASE WHEN g.Score = 5 THEN 1 END)")),
            NpsPromoters = await One(Nps("n.Score >= 9")),
            NpsPassives = await One(Nps("n.Score IN (7, 8)")),
            NpsDetractors = await One(Nps("n.Score <= 6")),
            OutOfScopeTickets = await One($"SELECT COUNT(*) FROM Tickets t WHERE COALESCE(t.OverrideVerdict, t.Verdict) = 'OutOfScope' AND substr(t.CreatedUtc, 1, 10) {inPeriod} AND {ofOrg}"),
            OffersSent = await One($"SELECT COUNT(*) FROM Offers f JOIN Tickets t ON t.Id = f.TicketId WHERE substr(f.SentUtc, 1, 10) {inPeriod} AND {ofOrg}"),
            OffersAccepted = await One($"SELECT COUNT(*) FROM OfferAcceptances a JOIN Offers f ON f.Id = a.OfferId JOIN Tickets t ON t.Id = f.TicketId WHERE substr(a.AcceptedUtc, 1, 10) {inPeriod} AND {ofOrg}"),
        };
    }
}
