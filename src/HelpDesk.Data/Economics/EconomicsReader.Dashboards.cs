using System.Globalization;
using Dapper;
using HelpDesk.Core.Contracts;
using HelpDesk.Core.Economics;
using HelpDesk.Core.Tickets;

namespace HelpDesk.Data.Economics;

/// <summary>
/// The dashboards' reads: a period and the one before it summed in one pass over the monthly and daily facts, a
/// ticket's costed time log, and the contracts that ended in a period with their organisation's ratings.
/// </summary>
public sealed partial class EconomicsReader
{
    /// <summary>Keeps IN lists well under SQL Server's 2,100 parameters.</summary>
    private const int MaxIds = 500;

    public async Task<ComparedMeasures> TotalComparedAsync(EconomicsFilter filter, DateOnly previousFrom, CancellationToken cancellationToken = default)
    {
        var rows = await ComparedAsync("0", "", "NULL AS Name, NULL AS PlanName, NULL AS OrganisationName, NULL AS StartsOn, NULL AS EndsOn", filter, previousFrom, cancellationToken);
        return new ComparedMeasures(
            rows.FirstOrDefault(r => r.Key.InPeriod == 1).Measures ?? new Measures(),
            rows.FirstOrDefault(r => r.Key.InPeriod == 0).Measures ?? new Measures());
    }

    public async Task<IReadOnlyList<LevelComparison>> ByLevelComparedAsync(
        EconomicsLevel level, EconomicsFilter filter, DateOnly previousFrom, CancellationToken cancellationToken = default)
    {
        var (column, join, names) = level switch
        {
            EconomicsLevel.Region => ("Region", "", "NULL AS Name, NULL AS PlanName, NULL AS OrganisationName, NULL AS StartsOn, NULL AS EndsOn"),
            EconomicsLevel.Customer => ("OrganisationId", "LEFT JOIN Organisations o ON o.Id = s.GroupKey",
                "o.Name AS Name, NULL AS PlanName, NULL AS OrganisationName, NULL AS StartsOn, NULL AS EndsOn"),
            EconomicsLevel.Contract => ("ContractId",
                "LEFT JOIN Contracts c ON c.Id = s.GroupKey LEFT JOIN Plans pl ON pl.Id = c.PlanId LEFT JOIN Organisations o ON o.Id = c.OrganisationId",
                "NULL AS Name, pl.Name AS PlanName, o.Name AS OrganisationName, c.StartsOn, c.EndsOn"),
            _ => ("ProductId", "LEFT JOIN Products p ON p.Id = s.GroupKey",
                "p.Name AS Name, NULL AS PlanName, NULL AS OrganisationName, NULL AS StartsOn, NULL AS EndsOn"),
        };
        var rows = await ComparedAsync($"f.{column}", join, names, filter, previousFrom, cancellationToken);
        return [.. rows
            .GroupBy(r => r.Key.GroupKey, StringComparer.Ordinal)
            .Select(g =>
            {
                var key = g.First().Key;
                return new LevelComparison(
                    g.Key,
                    NameOf(level, key),
                    DetailOf(level, key),
                    g.FirstOrDefault(r => r.Key.InPeriod == 1).Measures ?? new Measures(),
                    g.FirstOrDefault(r => r.Key.InPeriod == 0).Measures ?? new Measures());
            })
            .OrderByDescending(r => r.Current.LabourCostCents)
            .ThenBy(r => r.Name, StringComparer.Ordinal)];
    }

    public async Task<TicketTimeLog?> TimeLogAsync(int ticketId, EconomicsFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        const string Sql = """
            SELECT t.Id, t.Subject, t.OrganisationId, o.Name AS OrganisationName, t.ContractId
            FROM Tickets t JOIN Organisations o ON o.Id = t.OrganisationId
            WHERE t.Id = @Id;
            SELECT e.Id, u.DisplayName AS EngineerName, e.Note, e.Billable
            FROM TimeEntries e LEFT JOIN Users u ON u.Id = e.EngineerId
            WHERE e.TicketId = @Id;
            SELECT SUM(f.MinutesWorked) AS Minutes, SUM(f.LabourCostCents) AS Cents
            FROM TicketDayFacts f
            WHERE f.TicketId = @Id AND f.Day >= @From AND f.Day <= @To;
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        TicketRow? ticket;
        Dictionary<int, EntryNoteRow> notes;
        FactSumRow facts;
        await using (var results = await connection.QueryMultipleAsync(new CommandDefinition(
            Sql, new { Id = ticketId, From = FactKey.ToDayKey(filter.From), To = FactKey.ToDayKey(filter.To) }, cancellationToken: cancellationToken)))
        {
            ticket = await results.ReadSingleOrDefaultAsync<TicketRow>();
            notes = (await results.ReadAsync<EntryNoteRow>()).ToDictionary(n => n.Id);
            facts = await results.ReadSingleAsync<FactSumRow>();
        }

        if (ticket is null)
        {
            return null;
        }

        var history = (await TicketHistoryLoader.LoadAsync(connection, connections.Dialect, [ticketId], cancellationToken)).Single();
        var lines = TicketLabour.For(history)
            .Select(c => notes.TryGetValue(c.Entry.EntryId, out var note)
                ? new TimeLogLine(c, note.EngineerName ?? $"Engineer #{c.Entry.EngineerId}", note.Note ?? "", note.Billable)
                : new TimeLogLine(c, $"Engineer #{c.Entry.EngineerId}", "", false))
            .ToList();
        return new TicketTimeLog(
            ticket.Id, TicketNumber.Format(ticket.Id), ticket.Subject, ticket.OrganisationId, ticket.OrganisationName, ticket.ContractId ?? 0, lines,
            facts.Minutes ?? 0, facts.Cents ?? 0);
    }

    public async Task<IReadOnlyList<EndedContractTerm>> EndedContractsAsync(EconomicsFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var sql = $"""
            SELECT c.Id, c.OrganisationId, o.Name AS OrganisationName, c.StartsOn, c.EndsOn,
                   CASE WHEN EXISTS (SELECT 1 FROM Contracts r WHERE r.RenewsContractId = c.Id AND r.Status = 'Active') THEN 1 ELSE 0 END AS Renewed
            FROM Contracts c JOIN Organisations o ON o.Id = c.OrganisationId
            WHERE c.EndsOn >= @From AND c.EndsOn <= @To AND c.Status = 'Active'
              {(filter.OrganisationId is null ? "" : "AND c.OrganisationId = @OrganisationId")}
              {(filter.Region is null ? "" : "AND o.Region = @Region")}
            ORDER BY c.EndsOn, c.Id
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        var contracts = (await connection.QueryAsync<EndedRow>(new CommandDefinition(
            sql, new { filter.From, filter.To, filter.OrganisationId, filter.Region }, cancellationToken: cancellationToken))).ToList();
        if (contracts.Count == 0)
        {
            return [];
        }

        // The ratings of every organisation concerned over the span of all the terms, read by the organisation index
        // in a few statements; each contract then adds up the days of its own term.
        var earliest = FactKey.ToDayKey(contracts.Min(c => c.StartsOn));
        var latest = FactKey.ToDayKey(contracts.Max(c => c.EndsOn));
        var ratings = new List<RatingDayRow>();
        foreach (var organisations in contracts.Select(c => c.OrganisationId).Distinct().Chunk(MaxIds))
        {
            ratings.AddRange(await connection.QueryAsync<RatingDayRow>(new CommandDefinition(
                """
                SELECT f.OrganisationId, f.Day, SUM(f.CsatSum) AS CsatSum, SUM(f.CsatCount) AS CsatCount
                FROM DailyFacts f
                WHERE f.OrganisationId IN @Organisations AND f.Day >= @Earliest AND f.Day <= @Latest AND f.CsatCount > 0
                GROUP BY f.OrganisationId, f.Day
                """,
                new { Organisations = organisations, Earliest = earliest, Latest = latest }, cancellationToken: cancellationToken)));
        }

        var byOrganisation = ratings.ToLookup(r => r.OrganisationId);
        return [.. contracts.Select(c =>
        {
            var (from, to) = (FactKey.ToDayKey(c.StartsOn), FactKey.ToDayKey(c.EndsOn));
            var term = byOrganisation[c.OrganisationId]
                .Where(r => string.CompareOrdinal(r.Day, from) >= 0 && string.CompareOrdinal(r.Day, to) <= 0)
                .ToList();
            return new EndedContractTerm(
                new EndedContract(c.Id, c.OrganisationId, c.Renewed == 1, term.Sum(r => r.CsatSum), term.Sum(r => r.CsatCount)),
                c.OrganisationName, c.StartsOn, c.EndsOn);
        })];
    }

    public async Task<FilterNames> NamesAsync(EconomicsFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        const string Sql = """
            SELECT o.Name FROM Organisations o WHERE o.Id = @OrganisationId;
            SELECT p.Name FROM Products p WHERE p.Id = @ProductId;
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var results = await connection.QueryMultipleAsync(new CommandDefinition(
            Sql, new { OrganisationId = filter.OrganisationId ?? -1, ProductId = filter.ProductId ?? -1 }, cancellationToken: cancellationToken));
        var organisation = await results.ReadSingleOrDefaultAsync<string>();
        var product = await results.ReadSingleOrDefaultAsync<string>();
        return new FilterNames(filter.OrganisationId is null ? null : organisation, filter.ProductId is null ? null : product);
    }

    /// <summary>
    /// Sums the filtered facts from <paramref name="previousFrom"/> to the filter's last day, grouped by
    /// <paramref name="groupKey"/> and by whether the day falls in the period (InPeriod 1) or the one before (0).
    /// </summary>
    private async Task<IReadOnlyList<(ComparedKeyRow Key, Measures Measures)>> ComparedAsync(
        string groupKey, string join, string names, EconomicsFilter filter, DateOnly previousFrom, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        // Range 0 is the period before, range 1 the period: each split into its own whole months and edge days.
        var (cells, parameters) = FactCells.Of(
            filter, [(previousFrom, filter.From.AddDays(-1)), (filter.From, filter.To)],
            branch => $"{groupKey} AS GroupKey, {branch.Range} AS InPeriod, {FactCells.Measures}");
        var outer = string.Join(", ", FactColumns.Measures.Select(m => $"s.{m}"));
        var sql = $"""
            SELECT s.GroupKey, s.InPeriod, {names}, {outer}
            FROM (
                SELECT f.GroupKey, f.InPeriod, {FactColumns.Sums}
                FROM ({cells}) f
                GROUP BY f.GroupKey, f.InPeriod
            ) s
            {join}
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ComparedKeyRow, Measures, (ComparedKeyRow, Measures)>(
            new CommandDefinition(sql, parameters, cancellationToken: cancellationToken),
            (key, sums) => (key, sums), splitOn: FactColumns.Measures[0]);
        return [.. rows];
    }

    private static string NameOf(EconomicsLevel level, ComparedKeyRow row) => level switch
    {
        EconomicsLevel.Region => row.GroupKey,
        EconomicsLevel.Contract => row.GroupKey == "0" ? "No contract" : Contract.FormatNumber(int.Parse(row.GroupKey, CultureInfo.InvariantCulture)),
        EconomicsLevel.Product when row.GroupKey == "0" => "No product",
        _ => row.Name ?? $"#{row.GroupKey}",
    };

    private static string DetailOf(EconomicsLevel level, ComparedKeyRow row) =>
        level == EconomicsLevel.Contract && row.StartsOn is { } starts && row.EndsOn is { } ends
            ? $"{row.OrganisationName}, {row.PlanName}, {starts.ToString("d MMM yyyy", CultureInfo.InvariantCulture)} – {ends.ToString("d MMM yyyy", CultureInfo.InvariantCulture)}"
            : "";

    private sealed record ComparedKeyRow
    {
        public string GroupKey { get; init; } = "";
        public int InPeriod { get; init; }
        public string? Name { get; init; }
        public string? PlanName { get; init; }
        public string? OrganisationName { get; init; }
        public DateOnly? StartsOn { get; init; }
        public DateOnly? EndsOn { get; init; }
    }

    private sealed record TicketRow
    {
        public int Id { get; init; }
        public string Subject { get; init; } = "";
        public int OrganisationId { get; init; }
        public string OrganisationName { get; init; } = "";
        public int? ContractId { get; init; }
    }

    private sealed record EntryNoteRow
    {
        public int Id { get; init; }
        public string? EngineerName { get; init; }
        public string? Note { get; init; }
        public bool Billable { get; init; }
    }

    private sealed record FactSumRow
    {
        public long? Minutes { get; init; }
        public long? Cents { get; init; }
    }

    private sealed record EndedRow
    {
        public int Id { get; init; }
        public int OrganisationId { get; init; }
        public string OrganisationName { get; init; } = "";
        public DateOnly StartsOn { get; init; }
        public DateOnly EndsOn { get; init; }
        public int Renewed { get; init; }
    }

    private sealed record RatingDayRow
    {
        public int OrganisationId { get; init; }
        public string Day { get; init; } = "";
        public long CsatSum { get; init; }
        public long CsatCount { get; init; }
    }
}
