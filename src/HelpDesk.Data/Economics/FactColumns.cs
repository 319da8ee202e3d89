using HelpDesk.Core.Economics;

namespace HelpDesk.Data.Economics;

/// <summary>
/// The measure columns of the fact tables, named as the properties of <see cref="Measures"/> so Dapper maps a row of
/// sums straight onto it, and the SQL that sums the level-1 facts and the revenue sources into cells. The texts are
/// built once from these constant names; no value ever goes into them.
/// </summary>
internal static class FactColumns
{
    /// <summary>In the order <see cref="FactRows"/> writes them; a test checks they are every long of <see cref="Core.Economics.Measures"/>.</summary>
    public static readonly IReadOnlyList<string> Measures =
    [
        "TicketsOpened", "TicketsResolved", "TicketsClosed", "FirstContactResolutions", "MinutesWorked", "LabourCostCents",
        "GoodwillCostCents", "SupportRevenueCents", "ServicesRevenueCents", "FirstResponseMet", "FirstResponseMissed",
        "ResolveMet", "ResolveMissed", "FirstResponseCount", "FirstResponseWallMinutes", "FirstResponseBusinessMinutes",
        "ResolveCount", "ResolveWallMinutes", "ResolveBusinessMinutes", "CsatSum", "CsatCount", "Csat1", "Csat2", "Csat3",
        "Csat4", "Csat5", "NpsPromoters", "NpsPassives", "NpsDetractors", "OutOfScopeTickets", "OffersSent", "OffersAccepted",
    ];

    public const string CellKey = "Day, OrganisationId, ContractId, ProductId, Region";

    /// <summary>A cell's key without its day: what a monthly cell shares with the daily cells it sums.</summary>
    public const string Key = "OrganisationId, ContractId, ProductId, Region";

    public const string MonthKey = "Month, " + Key;

    public static readonly string MeasureList = string.Join(", ", Measures);

    /// <summary><c>SUM(f.X) AS X</c> for every measure.</summary>
    public static readonly string Sums = string.Join(", ", Measures.Select(m => $"SUM(f.{m}) AS {m}"));

    public static readonly IReadOnlyList<string> TicketFactColumns = ["TicketId", .. CellKey.Split(", "), .. Measures];

    public static readonly IReadOnlyList<string> RevenueColumns = ["ContractId", "Day", "ProductId", "OrganisationId", "Region", "Cents"];

    /// <summary>INSERT INTO <paramref name="target"/> every monthly cell summed from the daily cells of <paramref name="days"/>.</summary>
    public static string SumMonthsInto(string target, string days) => $"""
        INSERT INTO {target} ({MonthKey}, {MeasureList})
        SELECT SUBSTRING(f.Day, 1, 7), f.OrganisationId, f.ContractId, f.ProductId, f.Region, {Sums}
        FROM {days} f
        GROUP BY SUBSTRING(f.Day, 1, 7), f.OrganisationId, f.ContractId, f.ProductId, f.Region
        """;

    /// <summary>
    /// INSERT INTO <paramref name="target"/> the cells summed from the ticket-day facts, the contract revenue days,
    /// services revenue (on its booking day, under its stored cell) and NPS answers (on the answer day, under the
    /// organisation with no contract or product). With <paramref name="dirtyOnly"/> only the (day, organisation)
    /// slices in EconomicsDirtyDays are summed.
    /// </summary>
    public static string SumCellsInto(string target, string ticketFacts, string revenueDays, bool dirtyOnly)
    {
        // The dirty days as a list first, so each source is sought along its index that leads with the day; as a join,
        // SQLite scans the whole source and probes the dirty slices row by row.
        string Dirty(string alias) => dirtyOnly
            ? $" WHERE {alias}.Day IN (SELECT d.Day FROM EconomicsDirtyDays d)" +
              $" AND EXISTS (SELECT 1 FROM EconomicsDirtyDays d WHERE d.Day = {alias}.Day AND d.OrganisationId = {alias}.OrganisationId)"
            : "";
        string Only(IReadOnlyDictionary<string, string> values) =>
            string.Join(", ", Measures.Select(m => values.TryGetValue(m, out var value) ? $"{value} AS {m}" : $"0 AS {m}"));

        var tickets = string.Join(", ", Measures.Select(m => $"t.{m}"));
        var revenue = Only(new Dictionary<string, string> { ["SupportRevenueCents"] = "r.Cents" });
        var services = Only(new Dictionary<string, string> { ["ServicesRevenueCents"] = "s.AmountCents" });
        var nps = Only(new Dictionary<string, string>
        {
            ["NpsPromoters"] = "CASE WHEN n.Score >= 9 THEN 1 ELSE 0 END",
            ["NpsPassives"] = "CASE WHEN n.Score IN (7, 8) THEN 1 ELSE 0 END",
            ["NpsDetractors"] = "CASE WHEN n.Score <= 6 THEN 1 ELSE 0 END",
        });
        return $"""
            INSERT INTO {target} ({CellKey}, {MeasureList})
            SELECT f.Day, f.OrganisationId, f.ContractId, f.ProductId, f.Region, {Sums}
            FROM (
                SELECT t.Day, t.OrganisationId, t.ContractId, t.ProductId, t.Region, {tickets}
                FROM {ticketFacts} t{Dirty("t")}
                UNION ALL
                SELECT r.Day, r.OrganisationId, r.ContractId, r.ProductId, r.Region, {revenue}
                FROM {revenueDays} r{Dirty("r")}
                UNION ALL
                SELECT s.Day, s.OrganisationId, COALESCE(s.ContractId, 0) AS ContractId, COALESCE(s.ProductId, 0) AS ProductId, s.Region, {services}
                FROM ServicesRevenue s{Dirty("s")}
                UNION ALL
                SELECT n.Day, n.OrganisationId, 0 AS ContractId, 0 AS ProductId, o.Region, {nps}
                FROM NpsAnswers n JOIN Organisations o ON o.Id = n.OrganisationId{Dirty("n")}
            ) f
            GROUP BY f.Day, f.OrganisationId, f.ContractId, f.ProductId, f.Region
            """;
    }
}
