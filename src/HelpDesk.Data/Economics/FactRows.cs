using System.Data;
using System.Data.Common;
using HelpDesk.Core.Economics;

namespace HelpDesk.Data.Economics;

/// <summary>
/// Writes fact rows with one parameterised INSERT per table, reused row after row inside the caller's transaction:
/// the statement is compiled once (SQLite keeps a command's statement between executions) and each row only binds
/// new values. A multi-row VALUES list was tried first; building thousands of named parameters per statement cost
/// more than the inserts themselves. The statement text holds only column and parameter names; every value is a
/// parameter.
/// </summary>
internal static class FactRows
{
    public static Task InsertTicketFactsAsync(DbConnection connection, DbTransaction transaction, string table, IReadOnlyList<TicketDayFact> rows, CancellationToken cancellationToken) =>
        InsertAsync(connection, transaction, table, FactColumns.TicketFactColumns, rows, WriteTicketFact, cancellationToken);

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
        var m = fact.Measures;
        p[0].Value = fact.TicketId;
        p[1].Value = fact.Key.DayKey;
        p[2].Value = fact.Key.OrganisationId;
        p[3].Value = fact.Key.ContractId;
        p[4].Value = fact.Key.ProductId;
        p[5].Value = fact.Key.Region;
        long[] measures =
        [
            m.TicketsOpened, m.TicketsResolved, m.TicketsClosed, m.FirstContactResolutions, m.MinutesWorked, m.LabourCostCents,
            m.GoodwillCostCents, m.SupportRevenueCents, m.ServicesRevenueCents, m.FirstResponseMet, m.FirstResponseMissed,
            m.ResolveMet, m.ResolveMissed, m.FirstResponseCount, m.FirstResponseWallMinutes, m.FirstResponseBusinessMinutes,
            m.ResolveCount, m.ResolveWallMinutes, m.ResolveBusinessMinutes, m.CsatSum, m.CsatCount, m.Csat1, m.Csat2, m.Csat3,
            m.Csat4, m.Csat5, m.NpsPromoters, m.NpsPassives, m.NpsDetractors, m.OutOfScopeTickets, m.OffersSent, m.OffersAccepted,
        ];
        for (var i = 0; i < measures.Length; i++)
        {
            // Most measures of a ticket-day are zero: one boxed zero serves them all.
            p[6 + i].Value = measures[i] == 0 ? Zero : measures[i];
        }
    }

    private static readonly object Zero = 0L;

    private static async Task InsertAsync<T>(
        DbConnection connection, DbTransaction transaction, string table, IReadOnlyList<string> columns, IReadOnlyList<T> rows,
        Action<T, DbParameter[]> write, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }

        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select((_, i) => $"@p{i}"))})";
        var parameters = new DbParameter[columns.Count];
        for (var i = 0; i < parameters.Length; i++)
        {
            parameters[i] = command.CreateParameter();
            parameters[i].ParameterName = $"@p{i}";
            parameters[i].DbType = columns[i] is "Day" or "Region" ? DbType.String : DbType.Int64;
            command.Parameters.Add(parameters[i]);
        }

        foreach (var row in rows)
        {
            write(row, parameters);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
