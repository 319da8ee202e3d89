using System.Data;
using System.Data.Common;
using HelpDesk.Core.Economics;

namespace HelpDesk.Data.Economics;

/// <summary>
/// Writes fact rows with one parameterised statement per table and kind of write, reused row after row inside the
/// caller's transaction: the statement is compiled once (SQLite keeps a command's statement between executions) and
/// each row only binds new values. A multi-row VALUES list was tried first; building thousands of named parameters per statement cost
/// more than the inserts themselves. The statement text holds only column and parameter names; every value is a
/// parameter.
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

    private static void WriteRevenue(ContractRevenueDay r, DbParameter[] p)
    {
        p[0].Value = r.ContractId;
        p[1].Value = r.Key.DayKey;
        p[2].Value = r.Key.ProductId;
        p[3].Value = r.Key.OrganisationId;
        p[4].Value = r.Key.Region;
        p[5].Value = r.Cents;
    }

    private static void WriteTicketFact(TicketDayFact fact, DbParameter[] p)
    {
        WriteRowKey(fact, p);
        p[2].Value = fact.Key.OrganisationId;
        p[3].Value = fact.Key.ContractId;
        p[4].Value = fact.Key.ProductId;
        p[5].Value = fact.Key.Region;
        WriteMeasures(fact.Measures, p, 6);
    }

    private static void WriteRowKey(TicketDayFact fact, DbParameter[] p)
    {
        p[0].Value = fact.TicketId;
        p[1].Value = fact.Key.DayKey;
    }

    private static void WriteMeasures(Measures measures, DbParameter[] p, int first)
    {
        var values = measures.ToArray();
        for (var i = 0; i < values.Length; i++)
        {
            // Most measures of a ticket-day are zero: one boxed zero serves them all.
            p[first + i].Value = values[i] == 0 ? Zero : values[i];
        }
    }

    private static readonly object Zero = 0L;

    private static readonly string[] RowKeyColumns = ["TicketId", "Day"];

    private static Task InsertAsync<T>(
        DbConnection connection, DbTransaction transaction, string table, IReadOnlyList<string> columns, IReadOnlyList<T> rows,
        Action<T, DbParameter[]> write, CancellationToken cancellationToken) =>
        ExecuteEachAsync(
            connection, transaction,
            $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select((_, i) => $"@p{i}"))})",
            columns, rows, write, cancellationToken);

    /// <summary>Runs <paramref name="sql"/> once per row, its parameters @p0… typed after <paramref name="columns"/>.</summary>
    private static async Task ExecuteEachAsync<T>(
        DbConnection connection, DbTransaction transaction, string sql, IReadOnlyList<string> columns, IReadOnlyList<T> rows,
        Action<T, DbParameter[]> write, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }

        var (command, parameters) = Prepare(connection, transaction, sql, columns);
        await using var _ = command;
        foreach (var row in rows)
        {
            write(row, parameters);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>
    /// A command of <paramref name="sql"/> in <paramref name="transaction"/> with its parameters @p0… typed after
    /// <paramref name="columns"/>, to be run row after row with new values.
    /// </summary>
    public static (DbCommand Command, DbParameter[] Parameters) Prepare(
        DbConnection connection, DbTransaction transaction, string sql, IReadOnlyList<string> columns)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        var parameters = new DbParameter[columns.Count];
        for (var i = 0; i < parameters.Length; i++)
        {
            parameters[i] = command.CreateParameter();
            parameters[i].ParameterName = $"@p{i}";
            parameters[i].DbType = columns[i] is "Day" or "Month" or "Region" ? DbType.String : DbType.Int64;
            command.Parameters.Add(parameters[i]);
        }

        return (command, parameters);
    }
}
