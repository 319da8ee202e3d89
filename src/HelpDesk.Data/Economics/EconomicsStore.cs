using System.Data.Common;
using Dapper;
using HelpDesk.Core.Contracts;
using HelpDesk.Core.Economics;
using HelpDesk.Data.Infrastructure;

namespace HelpDesk.Data.Economics;

/// <summary>
/// The rollup's side of the database: the lease, the change log the triggers of 0010 write, the inputs of ticket and
/// contract facts, and the writes that replace them and recompute their cells. Every SQL text runs on both engines.
/// </summary>
public sealed partial class EconomicsStore(IDbConnectionFactory connections) : IEconomicsStore
{
    /// <summary>The ids one statement names, in one JSON parameter (<see cref="SqlDialect.IdList"/>).</summary>
    private const int MaxIds = 5000;

    /// <summary><c>(subquery)</c> of the int ids in the parameter @Ids, to follow IN.</summary>
    private readonly string _ids = connections.Dialect.IdList("Ids");

    // The key columns map onto one row type and the measures, named as Measures' properties, onto Measures itself.
    private readonly string _selectStoredTicketFacts =
        $"SELECT f.TicketId, f.Day, f.OrganisationId, f.ContractId, f.ProductId, f.Region, {string.Join(", ", FactColumns.Measures.Select(m => "f." + m))} FROM TicketDayFacts f WHERE f.TicketId IN {connections.Dialect.IdList("Ids")}";

    public async Task<bool> TryTakeLeaseAsync(string name, string owner, DateTime nowUtc, DateTime untilUtc, CancellationToken cancellationToken = default)
    {
        // A conditional UPDATE is atomic on both engines: of two callers at once only one sees the lease free or expired.
        const string take = """
            UPDATE JobLeases SET Owner = @Owner, ExpiresUtc = @Until
            WHERE Name = @Name AND (Owner = @Owner OR ExpiresUtc < @Now)
            """;
        const string create = "INSERT INTO JobLeases (Name, Owner, ExpiresUtc) VALUES (@Name, @Owner, @Until)";
        var args = new { Name = name, Owner = owner, Now = nowUtc, Until = untilUtc };
        await using var connection = await connections.OpenAsync(cancellationToken);
        if (await connection.ExecuteAsync(new CommandDefinition(take, args, cancellationToken: cancellationToken)) == 1)
        {
            return true;
        }

        var exists = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM JobLeases WHERE Name = @Name", args, cancellationToken: cancellationToken));
        if (exists > 0)
        {
            return false;
        }

        try
        {
            await connection.ExecuteAsync(new CommandDefinition(create, args, cancellationToken: cancellationToken));
            return true;
        }
        catch (DbException ex) when (DbErrors.IsUniqueViolation(ex))
        {
            return false;
        }
    }

    public async Task ReleaseLeaseAsync(string name, string owner, CancellationToken cancellationToken = default)
    {
        const string sql = "UPDATE JobLeases SET Owner = '', ExpiresUtc = @Past WHERE Name = @Name AND Owner = @Owner";
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            sql, new { Name = name, Owner = owner, Past = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc) }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<EconomicsChange>> ReadChangesAsync(int take, CancellationToken cancellationToken = default)
    {
        var sql = $"SELECT c.Id, c.Kind, c.EntityId, c.Day FROM EconomicsChanges c ORDER BY c.Id {connections.Dialect.TopClause}";
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ChangeRow>(new CommandDefinition(sql, new { Take = take }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => new EconomicsChange(r.Id, r.Kind, r.EntityId, r.Day?.Trim()))];
    }

    public async Task<AffectedFacts> ResolveAsync(IReadOnlyList<EconomicsChange> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var tickets = new HashSet<int>(changes.Where(c => c.Kind == ChangeKinds.Ticket).Select(c => c.EntityId));
        var contracts = new HashSet<int>(changes.Where(c => c.Kind == ChangeKinds.Contract).Select(c => c.EntityId));
        var slices = new HashSet<OrganisationDay>(changes
            .Where(c => c.Kind is ChangeKinds.Services or ChangeKinds.Nps && c.Day is not null)
            .Select(c => new OrganisationDay(c.Day!, c.EntityId)));
        var engineers = changes.Where(c => c.Kind == ChangeKinds.Engineer).Select(c => c.EntityId).Distinct().ToList();
        var organisations = changes.Where(c => c.Kind == ChangeKinds.Organisation).Select(c => c.EntityId).Distinct().ToList();
        var plans = changes.Where(c => c.Kind == ChangeKinds.Plan).Select(c => c.EntityId).Distinct().ToList();
        var all = changes.Any(c => c.Kind == ChangeKinds.All);

        await using var connection = await connections.OpenAsync(cancellationToken);
        async Task AddAsync<T>(ISet<T> into, string sql, IReadOnlyList<int> ids)
        {
            foreach (var chunk in ids.Chunk(MaxIds))
            {
                into.UnionWith(await connection.QueryAsync<T>(new CommandDefinition(sql, new { Ids = SqlDialect.IdsJson(chunk) }, cancellationToken: cancellationToken)));
            }
        }

        // An engineer's rate or sourcing reprices every entry they logged; a region change moves everything the organisation has.
        await AddAsync(tickets, $"SELECT DISTINCT e.TicketId FROM TimeEntries e WHERE e.EngineerId IN {_ids}", engineers);
        await AddAsync(tickets, $"SELECT t.Id FROM Tickets t WHERE t.OrganisationId IN {_ids}", organisations);
        // A plan's support hours and holidays give its contracts' tickets their business minutes.
        await AddAsync(tickets, $"SELECT t.Id FROM Tickets t JOIN Contracts c ON c.Id = t.ContractId WHERE c.PlanId IN {_ids}", plans);
        await AddAsync(contracts, $"SELECT c.Id FROM Contracts c WHERE c.OrganisationId IN {_ids}", organisations);
        var npsSlices = new HashSet<SliceRow>();
        await AddAsync(npsSlices, $"SELECT DISTINCT n.Day, n.OrganisationId FROM NpsAnswers n WHERE n.OrganisationId IN {_ids}", organisations);
        if (all)
        {
            tickets.UnionWith(await connection.QueryAsync<int>(new CommandDefinition("SELECT t.Id FROM Tickets t", cancellationToken: cancellationToken)));
            contracts.UnionWith(await connection.QueryAsync<int>(new CommandDefinition("SELECT c.Id FROM Contracts c", cancellationToken: cancellationToken)));
            npsSlices.UnionWith(await connection.QueryAsync<SliceRow>(new CommandDefinition(
                "SELECT DISTINCT n.Day, n.OrganisationId FROM NpsAnswers n UNION SELECT s.Day, s.OrganisationId FROM ServicesRevenue s",
                cancellationToken: cancellationToken)));
        }

        slices.UnionWith(npsSlices.Select(s => new OrganisationDay(s.Day.Trim(), s.OrganisationId)));
        return new AffectedFacts([.. tickets.Order()], [.. contracts.Order()], [.. slices.OrderBy(s => s.Day, StringComparer.Ordinal).ThenBy(s => s.OrganisationId)]);
    }

    public async Task<IReadOnlyList<TicketHistory>> LoadTicketsAsync(IReadOnlyList<int> ticketIds, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await TicketHistoryLoader.LoadAsync(connection, connections.Dialect, ticketIds, cancellationToken);
    }

    public async Task<IReadOnlyList<TicketHistory>> LoadTicketRangeAsync(int firstId, int lastId, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await TicketHistoryLoader.LoadRangeAsync(connection, firstId, lastId, cancellationToken);
    }

    public async Task<IReadOnlyList<ContractTerm>> LoadContractsAsync(IReadOnlyList<int> contractIds, CancellationToken cancellationToken = default)
    {
        var sql = $"""
            SELECT c.Id, c.OrganisationId, o.Region, c.ValueCents, c.StartsOn, c.EndsOn, c.Status, c.TimeZone, c.UpdatedUtc
            FROM Contracts c JOIN Organisations o ON o.Id = c.OrganisationId
            WHERE c.Id IN {_ids};
            SELECT cp.ContractId, cp.ProductId FROM ContractProducts cp WHERE cp.ContractId IN {_ids} ORDER BY cp.ContractId, cp.ProductId;
            """;
        var terms = new List<ContractTerm>();
        await using var connection = await connections.OpenAsync(cancellationToken);
        foreach (var chunk in contractIds.Distinct().Chunk(MaxIds))
        {
            await using var results = await connection.QueryMultipleAsync(new CommandDefinition(sql, new { Ids = SqlDialect.IdsJson(chunk) }, cancellationToken: cancellationToken));
            var contracts = (await results.ReadAsync<ContractRow>()).ToList();
            var products = (await results.ReadAsync<ContractProductRow>()).ToLookup(p => p.ContractId, p => p.ProductId);
            // A cancelled contract stops on the day it was cancelled where the customer is; the row's last change is that moment.
            terms.AddRange(contracts.Select(c => new ContractTerm(
                c.Id, c.OrganisationId, c.Region, c.ValueCents, c.StartsOn, c.EndsOn,
                c.Status == nameof(ContractStatus.Pending),
                c.Status == nameof(ContractStatus.Cancelled) ? ContractTerms.LocalDate(c.UpdatedUtc, c.TimeZone) : null,
                [.. products[c.Id]])));
        }

        return terms;
    }

    public async Task ApplyAsync(FactsBatch batch, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        const string markSlice = """
            INSERT INTO EconomicsDirtyDays (Day, OrganisationId)
            SELECT @Day, @OrganisationId
            WHERE NOT EXISTS (SELECT 1 FROM EconomicsDirtyDays d WHERE d.Day = @Day AND d.OrganisationId = @OrganisationId)
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        async Task RunAsync(string sql, IEnumerable<int> ids)
        {
            foreach (var chunk in ids.Chunk(MaxIds))
            {
                await connection.ExecuteAsync(new CommandDefinition(sql, new { Ids = SqlDialect.IdsJson(chunk) }, transaction, cancellationToken: cancellationToken));
            }
        }

        // A ticket's day rows are compared with those stored: only the rows that differ are written, and their cells,
        // old and new, and those cells' months take the difference (EconomicsStore.CellChanges).
        var tickets = TicketFactChanges.Between(await StoredTicketFactsAsync(connection, transaction, batch.TicketIds, cancellationToken), batch.TicketDayFacts);
        await FactRows.DeleteTicketFactsAsync(connection, transaction, "TicketDayFacts", tickets.Removed, cancellationToken);
        await FactRows.UpdateTicketFactsAsync(connection, transaction, "TicketDayFacts", tickets.Updated, cancellationToken);
        await FactRows.InsertTicketFactsAsync(connection, transaction, "TicketDayFacts", tickets.Added, cancellationToken);
        await ApplyCellChangesAsync(connection, transaction, tickets.CellChanges, cancellationToken);

        // Contracts and services or NPS slices: every cell they count in, before and after, is summed again whole from
        // the rows as they now stand. The cells a contract counted in before, then its new rows, then the cells it counts in now.
        if (batch.ContractIds.Count > 0 || batch.Slices.Count > 0)
        {
            await connection.ExecuteAsync(new CommandDefinition(ClearDirty, transaction: transaction, cancellationToken: cancellationToken));
            await RunAsync(_markContractCells, batch.ContractIds);
            await RunAsync($"DELETE FROM ContractRevenueDays WHERE ContractId IN {_ids}", batch.ContractIds);
            await FactRows.InsertRevenueAsync(connection, transaction, "ContractRevenueDays", batch.Revenue, cancellationToken);
            await RunAsync(_markContractCells, batch.ContractIds);
            foreach (var slice in batch.Slices)
            {
                await connection.ExecuteAsync(new CommandDefinition(markSlice, new { slice.Day, slice.OrganisationId }, transaction, cancellationToken: cancellationToken));
            }

            if (batch.Slices.Count > 0)
            {
                await connection.ExecuteAsync(new CommandDefinition(MarkSliceCells, transaction: transaction, cancellationToken: cancellationToken));
            }

            await RecomputeDirtyCellsAsync(connection, transaction, cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition(ClearDirty, transaction: transaction, cancellationToken: cancellationToken));
        }

        foreach (var chunk in batch.ChangeIds.Chunk(MaxIds))
        {
            await connection.ExecuteAsync(new CommandDefinition(
                $"DELETE FROM EconomicsChanges WHERE Id IN {connections.Dialect.BigIdList("Ids")}", new { Ids = SqlDialect.IdsJson(chunk) }, transaction, cancellationToken: cancellationToken));
        }

        if (batch.ChangeIds.Count > 0)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE EconomicsWatermark SET LastChangeId = @Last, UpdatedUtc = @Now WHERE Name = 'facts' AND LastChangeId < @Last",
                new { Last = batch.ChangeIds.Max(), Now = nowUtc }, transaction, cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// The stored day rows of <paramref name="ticketIds"/>, read column by column: the 38 columns of each row go
    /// straight into its key and <see cref="Measures"/>, where a mapped multi-row read cost as much as the query.
    /// </summary>
    private async Task<List<TicketDayFact>> StoredTicketFactsAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<int> ticketIds, CancellationToken cancellationToken)
    {
        var rows = new List<TicketDayFact>();
        var measures = new long[Measures.Count];
        foreach (var chunk in ticketIds.Chunk(MaxIds))
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = _selectStoredTicketFacts;
            var ids = command.CreateParameter();
            ids.ParameterName = "@Ids";
            ids.Value = SqlDialect.IdsJson(chunk);
            command.Parameters.Add(ids);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(new TicketDayFact(reader.GetInt32(0), ReadCell(reader, 1), ReadMeasures(reader, 1 + CellKeyColumns, measures)));
            }
        }

        return rows;
    }

    /// <summary>Day, OrganisationId, ContractId, ProductId, Region: a cell's key columns, before its measures.</summary>
    private const int CellKeyColumns = 5;

    /// <summary>The cell whose key columns start at <paramref name="first"/>.</summary>
    private static FactKey ReadCell(DbDataReader reader, int first) => new(
        FactKey.FromDayKey(reader.GetString(first).Trim()), reader.GetInt32(first + 1), reader.GetInt32(first + 2), reader.GetInt32(first + 3), reader.GetString(first + 4));

    /// <summary>The measures in the columns from <paramref name="first"/> on, read through <paramref name="buffer"/>.</summary>
    private static Measures ReadMeasures(DbDataReader reader, int first, long[] buffer)
    {
        for (var i = 0; i < buffer.Length; i++)
        {
            buffer[i] = reader.GetInt64(first + i);
        }

        return Measures.FromArray(buffer);
    }

    private sealed record ChangeRow
    {
        public long Id { get; init; }
        public string Kind { get; init; } = "";
        public int EntityId { get; init; }
        public string? Day { get; init; }
    }

    private sealed record SliceRow
    {
        public string Day { get; init; } = "";
        public int OrganisationId { get; init; }
    }

    private sealed record ContractRow
    {
        public int Id { get; init; }
        public int OrganisationId { get; init; }
        public string Region { get; init; } = "";
        public long ValueCents { get; init; }
        public DateOnly StartsOn { get; init; }
        public DateOnly EndsOn { get; init; }
        public string Status { get; init; } = "";
        public string TimeZone { get; init; } = "UTC";
        public DateTime UpdatedUtc { get; init; }
    }

    private sealed record ContractProductRow
    {
        public int ContractId { get; init; }
        public int ProductId { get; init; }
    }
}
