using System.Globalization;
using Dapper;
using HelpDesk.Core.Contracts;
using HelpDesk.Core.Economics;
using HelpDesk.Core.Tickets;
using HelpDesk.Data.Infrastructure;

namespace HelpDesk.Data.Economics;

/// <summary>
/// The dashboards' reads: a period and the one before it summed in one pass over the monthly and daily facts, in
/// total and at every level a page shows at once, a ticket's costed time log, and the contracts that ended in a
/// period with their organisation's ratings.
/// </summary>
public sealed partial class EconomicsReader
{
    /// <summary>Keeps IN lists well under SQL Server's 2,100 parameters.</summary>
    private const int MaxIds = 500;

    public async Task<ComparedLevels> ComparedAsync(
        IReadOnlyCollection<EconomicsLevel> levels, EconomicsFilter filter, DateOnly previousFrom, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(levels);
        ArgumentNullException.ThrowIfNull(filter);
        var asked = levels.Distinct().Order().ToList();
        // The period and the one before are summed side by side, each on a connection of its own (SQLite's driver
        // completes its "async" calls before returning them), each at the grain of every level asked for; the levels
        // and the total are then added up from those sums.
        var current = Task.Run(() => SumCellsAsync(asked, filter, filter.From, filter.To, cancellationToken), cancellationToken);
        var previous = Task.Run(() => SumCellsAsync(asked, filter, previousFrom, filter.From.AddDays(-1), cancellationToken), cancellationToken);
        await Task.WhenAll(current, previous);
        var cells = (await current).Select(c => (c.Key, Current: c.Measures, Previous: new Measures()))
            .Concat((await previous).Select(c => (c.Key, Current: new Measures(), Previous: c.Measures)))
            .ToList();

        var byLevel = new Dictionary<EconomicsLevel, IReadOnlyList<LevelComparison>>();
        await using var connection = await connections.OpenAsync(cancellationToken);
        foreach (var level in asked)
        {
            var groups = cells.GroupBy(c => KeyOf(level, c.Key), StringComparer.Ordinal).ToList();
            var names = await NamesAsync(connection, level, [.. groups.Select(g => g.Key)], cancellationToken);
            byLevel[level] = [.. groups
                .Select(g => new LevelComparison(
                    g.Key, NameOf(level, g.Key, names), DetailOf(level, g.Key, names), Measures.Sum(g.Select(c => c.Current)), Measures.Sum(g.Select(c => c.Previous))))
                .OrderByDescending(r => r.Current.LabourCostCents)
                .ThenBy(r => r.Name, StringComparer.Ordinal)];
        }

        return new ComparedLevels(new ComparedMeasures(Measures.Sum(cells.Select(c => c.Current)), Measures.Sum(cells.Select(c => c.Previous))), byLevel);
    }

    /// <summary>The filtered cells from <paramref name="from"/> to <paramref name="to"/>, summed by the columns of <paramref name="levels"/>.</summary>
    private async Task<IReadOnlyList<(CellKeyRow Key, Measures Measures)>> SumCellsAsync(
        List<EconomicsLevel> levels, EconomicsFilter filter, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        // The whole months of the range from MonthlyFacts, the days at its edges from DailyFacts.
        var keys = string.Concat(levels.Select(level => $"f.{ColumnOf(level)}, "));
        var (cells, parameters) = FactCells.Of(filter, [(from, to)], _ => $"{keys}{FactCells.Measures}");
        var sql = levels.Count == 0
            ? $"SELECT COUNT(*) AS Cells, {FactColumns.Sums} FROM ({cells}) f"
            : $"SELECT {keys}COUNT(*) AS Cells, {FactColumns.Sums} FROM ({cells}) f GROUP BY {keys.TrimEnd(',', ' ')}";
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<CellKeyRow, NullableSums, (CellKeyRow, Measures)>(
            new CommandDefinition(sql, parameters, cancellationToken: cancellationToken),
            // Every sum is null when no cell matched; Dapper then maps no NullableSums at all.
            (key, sums) => (key, sums?.ToMeasures() ?? new Measures()), splitOn: FactColumns.Measures[0]);
        return [.. rows];
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

        // Each term's ratings as the other reads sum a period: its whole months from MonthlyFacts and only the days
        // at its edges from DailyFacts, so a term of years costs a few dozen monthly cells per organisation, not every
        // day of it. Both are read by the organisation index, the months in one statement for the span of all terms.
        var terms = contracts.Select(c => (Contract: c, Parts: FactPeriod.Split(c.StartsOn, c.EndsOn))).ToList();
        var months = (await connection.QueryAsync<RatingCellRow>(new CommandDefinition(
            $"""
            SELECT f.OrganisationId, f.Month AS Cell, SUM(f.CsatSum) AS CsatSum, SUM(f.CsatCount) AS CsatCount
            FROM MonthlyFacts f
            WHERE f.OrganisationId IN {connections.Dialect.IdList("Organisations")}
              AND f.Month >= @Earliest AND f.Month <= @Latest AND f.CsatCount > 0
            GROUP BY f.OrganisationId, f.Month
            """,
            new
            {
                Organisations = SqlDialect.IdsJson(contracts.Select(c => c.OrganisationId).Distinct()),
                Earliest = FactKey.ToMonthKey(contracts.Min(c => c.StartsOn)),
                Latest = FactKey.ToMonthKey(contracts.Max(c => c.EndsOn)),
            },
            cancellationToken: cancellationToken))).ToLookup(r => r.OrganisationId);
        var edges = terms.SelectMany(t => t.Parts.Where(p => !p.Monthly).Select(p => (t.Contract.OrganisationId, p.From, p.To))).Distinct().ToList();
        var days = new List<RatingCellRow>();
        foreach (var chunk in edges.Chunk(MaxIds / 2))
        {
            var parameters = new DynamicParameters();
            var ranges = chunk.Select((edge, i) =>
            {
                parameters.Add($"O{i}", edge.OrganisationId);
                parameters.Add($"F{i}", FactKey.ToDayKey(edge.From));
                parameters.Add($"T{i}", FactKey.ToDayKey(edge.To));
                return $"(f.OrganisationId = @O{i} AND f.Day >= @F{i} AND f.Day <= @T{i})";
            });
            days.AddRange(await connection.QueryAsync<RatingCellRow>(new CommandDefinition(
                $"""
                SELECT f.OrganisationId, f.Day AS Cell, SUM(f.CsatSum) AS CsatSum, SUM(f.CsatCount) AS CsatCount
                FROM DailyFacts f
                WHERE f.CsatCount > 0 AND ({string.Join(" OR ", ranges)})
                GROUP BY f.OrganisationId, f.Day
                """,
                parameters, cancellationToken: cancellationToken)));
        }

        var daily = days.Distinct().ToLookup(r => r.OrganisationId);
        return [.. terms.Select(t =>
        {
            var c = t.Contract;
            var cells = t.Parts.SelectMany(part =>
            {
                var (from, to) = part.Monthly
                    ? (FactKey.ToMonthKey(part.From), FactKey.ToMonthKey(part.To))
                    : (FactKey.ToDayKey(part.From), FactKey.ToDayKey(part.To));
                return (part.Monthly ? months : daily)[c.OrganisationId]
                    .Where(r => string.CompareOrdinal(r.Cell, from) >= 0 && string.CompareOrdinal(r.Cell, to) <= 0);
            }).ToList();
            return new EndedContractTerm(
                new EndedContract(c.Id, c.OrganisationId, c.Renewed == 1, cells.Sum(r => r.CsatSum), cells.Sum(r => r.CsatCount)),
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

    private static string ColumnOf(EconomicsLevel level) => level switch
    {
        EconomicsLevel.Region => "Region",
        EconomicsLevel.Customer => "OrganisationId",
        EconomicsLevel.Contract => "ContractId",
        _ => "ProductId",
    };

    private static string KeyOf(EconomicsLevel level, CellKeyRow row) => level switch
    {
        EconomicsLevel.Region => row.Region ?? "",
        EconomicsLevel.Customer => (row.OrganisationId ?? 0).ToString(CultureInfo.InvariantCulture),
        EconomicsLevel.Contract => (row.ContractId ?? 0).ToString(CultureInfo.InvariantCulture),
        _ => (row.ProductId ?? 0).ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>The names, and for contracts the organisation, plan and term, of a level's keys; none for regions.</summary>
    private async Task<Dictionary<string, KeyNameRow>> NamesAsync(
        System.Data.Common.DbConnection connection, EconomicsLevel level, IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        var ids = level == EconomicsLevel.Region
            ? []
            : keys.Select(k => int.Parse(k, CultureInfo.InvariantCulture)).Where(id => id != 0).ToList();
        if (ids.Count == 0)
        {
            return [];
        }

        var list = connections.Dialect.IdList("Ids");
        var sql = level switch
        {
            EconomicsLevel.Customer => $"SELECT o.Id, o.Name FROM Organisations o WHERE o.Id IN {list}",
            EconomicsLevel.Contract => $"""
                SELECT c.Id, pl.Name AS PlanName, o.Name AS OrganisationName, c.StartsOn, c.EndsOn
                FROM Contracts c LEFT JOIN Plans pl ON pl.Id = c.PlanId LEFT JOIN Organisations o ON o.Id = c.OrganisationId
                WHERE c.Id IN {list}
                """,
            _ => $"SELECT p.Id, p.Name FROM Products p WHERE p.Id IN {list}",
        };
        var rows = await connection.QueryAsync<KeyNameRow>(new CommandDefinition(sql, new { Ids = SqlDialect.IdsJson(ids) }, cancellationToken: cancellationToken));
        return rows.ToDictionary(r => r.Id.ToString(CultureInfo.InvariantCulture), StringComparer.Ordinal);
    }

    private static string NameOf(EconomicsLevel level, string key, Dictionary<string, KeyNameRow> names) => level switch
    {
        EconomicsLevel.Region => key,
        EconomicsLevel.Contract => key == "0" ? "No contract" : Contract.FormatNumber(int.Parse(key, CultureInfo.InvariantCulture)),
        EconomicsLevel.Product when key == "0" => "No product",
        _ => names.GetValueOrDefault(key)?.Name ?? $"#{key}",
    };

    private static string DetailOf(EconomicsLevel level, string key, Dictionary<string, KeyNameRow> names) =>
        level == EconomicsLevel.Contract && names.GetValueOrDefault(key) is { StartsOn: { } starts, EndsOn: { } ends } row
            ? $"{row.OrganisationName}, {row.PlanName}, {starts.ToString("d MMM yyyy", CultureInfo.InvariantCulture)} – {ends.ToString("d MMM yyyy", CultureInfo.InvariantCulture)}"
            : "";

    /// <summary>
    /// The key of a sum at the grain asked for (the columns of the levels not asked for stay null) and how many cells
    /// it adds up.
    /// </summary>
    private sealed record CellKeyRow
    {
        public string? Region { get; init; }
        public int? OrganisationId { get; init; }
        public int? ContractId { get; init; }
        public int? ProductId { get; init; }
        public long Cells { get; init; }
    }

    private sealed record KeyNameRow
    {
        public int Id { get; init; }
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

    /// <summary>An organisation's ratings summed over one cell: a month (yyyy-MM) or a day (yyyy-MM-dd).</summary>
    private sealed record RatingCellRow
    {
        public int OrganisationId { get; init; }
        public string Cell { get; init; } = "";
        public long CsatSum { get; init; }
        public long CsatCount { get; init; }
    }
}
