using System.Data.Common;
using System.Text;
using Dapper;
using HelpDesk.Core.Economics;

namespace HelpDesk.Data.Economics;

/// <summary>
/// Writes fact rows many to a statement (a multi-row VALUES list kept under SQL Server's 2,100 parameters), which
/// is what makes a rebuild of many tickets affordable. The statement text holds only column names and parameter
/// names; every value is a parameter.
/// </summary>
internal static class FactRows
{
    private const int MaxParameters = 2000;

    public static Task InsertTicketFactsAsync(DbConnection connection, DbTransaction transaction, string table, IReadOnlyList<TicketDayFact> rows, CancellationToken cancellationToken) =>
        InsertAsync(connection, transaction, table, FactColumns.TicketFactColumns, rows, TicketFactValues, cancellationToken);

    public static Task InsertRevenueAsync(DbConnection connection, DbTransaction transaction, string table, IReadOnlyList<ContractRevenueDay> rows, CancellationToken cancellationToken) =>
        InsertAsync(connection, transaction, table, FactColumns.RevenueColumns, rows,
            r => [r.ContractId, r.Key.DayKey, r.Key.ProductId, r.Key.OrganisationId, r.Key.Region, r.Cents], cancellationToken);

    private static object[] TicketFactValues(TicketDayFact fact)
    {
        var m = fact.Measures;
        return
        [
            fact.TicketId, fact.Key.DayKey, fact.Key.OrganisationId, fact.Key.ContractId, fact.Key.ProductId, fact.Key.Region,
            m.TicketsOpened, m.TicketsResolved, m.TicketsClosed, m.FirstContactResolutions, m.MinutesWorked, m.LabourCostCents,
            m.GoodwillCostCents, m.SupportRevenueCents, m.ServicesRevenueCents, m.FirstResponseMet, m.FirstResponseMissed,
            m.ResolveMet, m.ResolveMissed, m.FirstResponseCount, m.FirstResponseWallMinutes, m.FirstResponseBusinessMinutes,
            m.ResolveCount, m.ResolveWallMinutes, m.ResolveBusinessMinutes, m.CsatSum, m.CsatCount, m.Csat1, m.Csat2, m.Csat3,
            m.Csat4, m.Csat5, m.NpsPromoters, m.NpsPassives, m.NpsDetractors, m.OutOfScopeTickets, m.OffersSent, m.OffersAccepted,
        ];
    }

    private static async Task InsertAsync<T>(
        DbConnection connection, DbTransaction transaction, string table, IReadOnlyList<string> columns, IReadOnlyList<T> rows,
        Func<T, object[]> values, CancellationToken cancellationToken)
    {
        var perStatement = Math.Max(1, MaxParameters / columns.Count);
        var head = $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ";
        foreach (var chunk in rows.Chunk(perStatement))
        {
            var sql = new StringBuilder(head);
            var parameters = new DynamicParameters();
            for (var row = 0; row < chunk.Length; row++)
            {
                var rowValues = values(chunk[row]);
                sql.Append(row == 0 ? "(" : ", (");
                for (var column = 0; column < rowValues.Length; column++)
                {
                    var name = $"p{row}_{column}";
                    sql.Append(column == 0 ? "@" : ", @").Append(name);
                    parameters.Add(name, rowValues[column]);
                }

                sql.Append(')');
            }

            await connection.ExecuteAsync(new CommandDefinition(sql.ToString(), parameters, transaction, cancellationToken: cancellationToken));
        }
    }
}
