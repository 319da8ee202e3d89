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

    /// <summary><c>left.K = right.K AND …</c> for each column K of <paramref name="key"/>, a list such as <see cref="CellKey"/>.</summary>
    public static string Match(string key, string left, string right) =>
        string.Join(" AND ", key.Split(", ").Select(k => $"{left}.{k} = {right}.{k}"));

    /// <summary><c>SUM(f.X) AS X</c> for every measure.</summary>
    public static readonly string Sums = string.Join(", ", Measures.Select(m => $"SUM(f.{m}) AS {m}"));

    public static readonly IReadOnlyList<string> TicketFactColumns = ["TicketId", .. CellKey.Split(", "), .. Measures];

    public static readonly IReadOnlyList<string> RevenueColumns = ["ContractId", "Day", "ProductId", "OrganisationId", "Region", "Cents"];

    /// <summary>
    /// INSERT INTO <paramref name="target"/> the cells summed from the ticket-day facts, the contract revenue days,
    /// services revenue (on its booking day, under its stored cell) and NPS answers (on the answer day, under the
    /// organisation with no contract or product). With <paramref name="dirtyOnly"/> only the cells listed in
    /// EconomicsDirtyCells are summed.
    /// </summary>
    public static string SumCellsInto(string target, string ticketFacts, string revenueDays, bool dirtyOnly) => $"""
        INSERT INTO {target} ({CellKey}, {MeasureList})
        {SumCells(ticketFacts, revenueDays, dirtyOnly)}
        """;

    /// <summary>The cells of services revenue and NPS answers alone, summed: what the rebuild adds to the tickets' and contracts' cells it sums itself.</summary>
    public static readonly string SumOrganisationDayCells = SumCells(null, null, dirtyOnly: false);

    /// <summary>The cells summed from the sources, without the ticket-day facts and the revenue days where those tables are null.</summary>
    private static string SumCells(string? ticketFacts, string? revenueDays, bool dirtyOnly)
    {
        // The dirty cells drive: CROSS JOIN keeps them outermost on SQLite, so each source is sought cell by cell along
        // its index that leads with the day; as a join or a filter, SQLite scans the source and probes the cells.
        string Source(string table, string alias, string contract, string product, string region, string join = "") => dirtyOnly
            ? $"EconomicsDirtyCells d CROSS JOIN {table} {alias}{join} WHERE {alias}.Day = d.Day AND {alias}.OrganisationId = d.OrganisationId" +
              $" AND {contract} = d.ContractId AND {product} = d.ProductId AND {region} = d.Region"
            : $"{table} {alias}{join}";
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
        var branches = new List<string>();
        if (ticketFacts is not null)
        {
            branches.Add($"""
                SELECT t.Day, t.OrganisationId, t.ContractId, t.ProductId, t.Region, {tickets}
                FROM {Source(ticketFacts, "t", "t.ContractId", "t.ProductId", "t.Region")}
                """);
        }

        if (revenueDays is not null)
        {
            branches.Add($"""
                SELECT r.Day, r.OrganisationId, r.ContractId, r.ProductId, r.Region, {revenue}
                FROM {Source(revenueDays, "r", "r.ContractId", "r.ProductId", "r.Region")}
                """);
        }

        branches.Add($"""
            SELECT s.Day, s.OrganisationId, COALESCE(s.ContractId, 0) AS ContractId, COALESCE(s.ProductId, 0) AS ProductId, s.Region, {services}
            FROM {Source("ServicesRevenue", "s", "COALESCE(s.ContractId, 0)", "COALESCE(s.ProductId, 0)", "s.Region")}
            """);
        branches.Add($"""
            SELECT n.Day, n.OrganisationId, 0 AS ContractId, 0 AS ProductId, o.Region, {nps}
            FROM {Source("NpsAnswers", "n", "0", "0", "o.Region", " JOIN Organisations o ON o.Id = n.OrganisationId")}
            """);
        return $"""
            SELECT f.Day, f.OrganisationId, f.ContractId, f.ProductId, f.Region, {Sums}
            FROM (
            {string.Join("\nUNION ALL\n", branches)}
            ) f
            GROUP BY f.Day, f.OrganisationId, f.ContractId, f.ProductId, f.Region
            """;
    }
}
