using System.Data.Common;
using HelpDesk.Core.Economics;

namespace HelpDesk.Data.Economics;

/// <summary>
/// Writes fact rows with one parameterised statement per table and kind of write (<see cref="RowStatement"/>), reused
/// row after row inside the caller's transaction: the statement is compiled once and each row only binds new values. A
/// multi-row VALUES list was tried first; building thousands of named parameters per statement cost more than the
/// inserts themselves. The statement text holds only column and parameter names; every value is a parameter.
/// </summary>
internal static class FactRows
{
    public static Task InsertTicketFactsAsync(DbConnection connection, DbTransaction transaction, string table, IReadOnlyList<TicketDayFact> rows, CancellationToken cancellationToken) =>
        InsertAsync(connection, transaction, table, FactColumns.TicketFactColumns, rows, WriteTicketFact, cancellationToken);

    /// <summary>Removes each of <paramref name="rows"/>, found by its ticket and day.</summary>
    public static Task DeleteTicketFactsAsync(DbConnection connection, DbTransaction transaction, string table, IReadOnlyList<TicketDayFact> rows, CancellationToken cancellationToken) =>
        ExecuteEachAsync(connection, transaction, $"DELETE FROM {table} WHERE TicketId = @p0 AND Day = @p1", RowKeyColumns, rows, WriteRowKey, cancellationToken);

    /// <summary>Writes the measures of each of <paramref name="rows"/> over the stored row of the same ticket and day, whose cell is unchanged.</summary>
    public static Task UpdateTicketFactsAsync(DbConnection connection, DbTransaction transaction, string table, IReadOnlyList<TicketDayFact> rows, CancellationToken cancellationToken) =>
        ExecuteEachAsync(
            connection, transaction,
            $"UPDATE {table} SET {string.Join(", ", FactColumns.Measures.Select((m, i) => $"{m} = @p{i + 2}"))} WHERE TicketId = @p0 AND Day = @p1",
            [.. RowKeyColumns, .. FactColumns.Measures],
            rows,
            (row, p) =>
            {
                WriteRowKey(row, p);
                WriteMeasures(row.Measures, p, 2);
            },
            cancellationToken);

    public static Task InsertRevenueAsync(DbConnection connection, DbTransaction transaction, string table, IReadOnlyList<ContractRevenueDay> rows, CancellationToken cancellationToken) =>
        InsertAsync(connection, transaction, table, FactColumns.RevenueColumns, rows, WriteRevenue, cancellationToken);

    /// <summary>
    /// Inserts each cell into <paramref name="table"/> under <paramref name="key"/>: led by its day or, where the key
    /// leads with Month, by its month.
    /// </summary>
    public static Task InsertCellsAsync(
        DbConnection connection, DbTransaction transaction, string table, IReadOnlyList<string> key, IReadOnlyList<CellFact> cells, CancellationToken cancellationToken) =>
        InsertAsync(connection, transaction, table, [.. key, .. FactColumns.Measures], cells, (cell, p) =>
        {
            WriteCell(p, key[0] == "Month" ? FactKey.ToMonthKey(cell.Key.Day) : cell.Key.DayKey, cell.Key);
            WriteMeasures(cell.Measures, p, key.Count);
        }, cancellationToken);

    /// <summary>Sets the values @p0 to @p4 to a cell's key, led by <paramref name="lead"/> (its day or month).</summary>
    public static void WriteCell(RowStatement values, string lead, FactKey cell)
    {
        values.Set(0, lead);
        values.Set(1, cell.OrganisationId);
        values.Set(2, cell.ContractId);
        values.Set(3, cell.ProductId);
        values.Set(4, cell.Region);
    }

    private static void WriteRevenue(ContractRevenueDay r, RowStatement p)
    {
        p.Set(0, r.ContractId);
        p.Set(1, r.Key.DayKey);
        p.Set(2, r.Key.ProductId);
        p.Set(3, r.Key.OrganisationId);
        p.Set(4, r.Key.Region);
        p.Set(5, r.Cents);
    }

    private static void WriteTicketFact(TicketDayFact fact, RowStatement p)
    {
        WriteRowKey(fact, p);
        p.Set(2, fact.Key.OrganisationId);
        p.Set(3, fact.Key.ContractId);
        p.Set(4, fact.Key.ProductId);
        p.Set(5, fact.Key.Region);
        WriteMeasures(fact.Measures, p, 6);
    }

    private static void WriteRowKey(TicketDayFact fact, RowStatement p)
    {
        p.Set(0, fact.TicketId);
        p.Set(1, fact.Key.DayKey);
    }

    /// <summary>Sets the values from <paramref name="first"/> on to <paramref name="measures"/>, in the order of <see cref="Measures.ToArray"/>.</summary>
    public static void WriteMeasures(Measures measures, RowStatement p, int first)
    {
        Span<long> values = stackalloc long[Measures.Count];
        measures.CopyTo(values);
        for (var i = 0; i < values.Length; i++)
        {
            p.Set(first + i, values[i]);
        }
    }

    private static readonly string[] RowKeyColumns = ["TicketId", "Day"];

    private static Task InsertAsync<T>(
        DbConnection connection, DbTransaction transaction, string table, IReadOnlyList<string> columns, IReadOnlyList<T> rows,
        Action<T, RowStatement> write, CancellationToken cancellationToken) =>
        ExecuteEachAsync(connection, transaction, InsertSql(table, columns), columns, rows, write, cancellationToken);

    /// <summary><c>INSERT INTO table (columns) VALUES (@p0, …)</c>.</summary>
    public static string InsertSql(string table, IReadOnlyList<string> columns) =>
        $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select((_, i) => $"@p{i}"))})";

    /// <summary>Runs <paramref name="sql"/> once per row, its parameters @p0… typed after <paramref name="columns"/>.</summary>
    private static async Task ExecuteEachAsync<T>(
        DbConnection connection, DbTransaction transaction, string sql, IReadOnlyList<string> columns, IReadOnlyList<T> rows,
        Action<T, RowStatement> write, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }

        await using var statement = RowStatement.Prepare(connection, transaction, sql, columns);
        foreach (var row in rows)
        {
            write(row, statement);
            await statement.ExecuteAsync(cancellationToken);
        }
    }
}
