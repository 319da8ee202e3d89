using Dapper;
using HelpDesk.Core.Contracts;
using HelpDesk.Core.Sla;
using HelpDesk.Data.Infrastructure;
using static HelpDesk.Data.Contracts.ContractRows;

namespace HelpDesk.Data.Sla;

/// <summary>
/// The support hours and holidays a contract's SLA is counted in (its plan's hours, in the contract's own time zone
/// and holiday calendar when it sets them; see <see cref="ContractSupportHours"/>), read when a paused SLA clock
/// resumes. That happens once per wait on the customer, so it is read fresh rather than cached.
/// </summary>
public sealed class SlaCalendarSource(IDbConnectionFactory connections) : ISlaCalendarSource
{
    private const string Sql = $"""
        SELECT {PlanColumns} FROM Plans pl JOIN Contracts c ON c.PlanId = pl.Id WHERE c.Id = @ContractId;
        SELECT {ContractColumns} FROM Contracts c WHERE c.Id = @ContractId;
        SELECT h.CalendarId, h.Day, h.Name
        FROM Holidays h
        JOIN Contracts c ON h.CalendarId = COALESCE(c.HolidayCalendarId, (SELECT pl.HolidayCalendarId FROM Plans pl WHERE pl.Id = c.PlanId))
        WHERE c.Id = @ContractId;
        """;

    public async Task<SlaCalendar?> ForContractAsync(int contractId, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var results = await connection.QueryMultipleAsync(new CommandDefinition(Sql, new { ContractId = contractId }, cancellationToken: cancellationToken));
        var plan = await results.ReadSingleOrDefaultAsync<PlanRow>();
        var contract = await results.ReadSingleOrDefaultAsync<Contract>();
        var holidays = (await results.ReadAsync<HolidayRow>()).Select(h => h.Day).ToHashSet();
        return plan is null || contract is null ? null : new SlaCalendar(ContractSupportHours.Of(contract, plan.ToPlan([])), holidays);
    }
}
